"""JavaScript kernel: js_driver.js (node:repl) under Debian's /usr/bin/node."""
import os
import shutil

from .base import KernelUnavailable
from .pipe_kernel import PipeKernel

DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js_driver.js")


class NodeKernel(PipeKernel):
    language = "javascript"

    def prepare(self, deadline):
        self.node = "/usr/bin/node" if os.path.exists("/usr/bin/node") else shutil.which("node")
        if not self.node:
            raise KernelUnavailable("the javascript runtime (node) is not installed in this sandbox (Debian package nodejs)")

    def argv(self):
        # --max-old-space-size rather than RLIMIT_AS: an address-space limit breaks Node's WebAssembly.
        return [self.node, "--max-old-space-size=512", "--no-warnings", DRIVER]
