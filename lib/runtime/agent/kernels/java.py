"""Java kernel: JShellDriver.java, compiled once per sandbox into the kernel dir (the agent dir is read-only)."""
import base64
import hashlib
import os
import shutil
import subprocess
import time

from .base import KernelDied, KernelUnavailable, kernel_dir
from .pipe_kernel import PipeKernel

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "JShellDriver.java")
JVM_FLAGS = [
    # Measured on a 2-core box: SerialGC + C1 only is faster per snippet and half the memory of G1/C2.
    "-Xmx256m", "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m",
    "-XX:CompressedClassSpaceSize=64m", "-XX:-UsePerfData", "-Xshare:auto",
]


def _jdk_tool(name):
    path = shutil.which(name)
    if not path:
        for cand in ("/usr/lib/jvm/default-java/bin/" + name, "/usr/lib/jvm/java-17-openjdk-amd64/bin/" + name):
            if os.path.exists(cand):
                return cand
    return path


class JavaKernel(PipeKernel):
    language = "java"

    def prepare(self, deadline):
        self.java = _jdk_tool("java")
        javac = _jdk_tool("javac")
        if not self.java or not javac:
            raise KernelUnavailable("the java runtime (a JDK with jshell) is not installed in this sandbox "
                                    "(Debian package openjdk-17-jdk-headless)")
        with open(SOURCE, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        self.classes = os.path.join(kernel_dir(), "jshell-" + digest)
        if os.path.exists(os.path.join(self.classes, "JShellDriver.class")):
            return
        tmp = self.classes + ".tmp%d" % os.getpid()
        os.makedirs(tmp, exist_ok=True)
        left = max(1.0, deadline - time.monotonic())
        try:
            res = subprocess.run([javac, "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1", "-J-XX:-UsePerfData",
                                  "-nowarn", "-d", tmp, SOURCE], capture_output=True, timeout=left)
        except subprocess.TimeoutExpired:
            shutil.rmtree(tmp, ignore_errors=True)
            raise KernelDied("compiling the java driver took too long")
        if res.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise KernelDied("compiling the java driver failed: %s" % res.stderr.decode("utf-8", "replace")[-600:])
        try:
            os.rename(tmp, self.classes)
        except OSError:  # a concurrent compile won the race
            shutil.rmtree(tmp, ignore_errors=True)

    def argv(self):
        home = os.environ.get("HOME") or "/tmp"
        return [self.java] + JVM_FLAGS + ["-Duser.home=" + home, "-Duser.name=" + os.environ.get("USER", "user"),
                                          "-cp", self.classes, "JShellDriver"]

    def encode(self, rid, code):
        return b"R %d %s\n" % (rid, base64.b64encode(code.encode("utf-8")))

    def interrupt(self):
        # JShell.stop() (sent to the driver's reader thread) ends even `while (true) {}` and keeps state.
        if self.alive() and self.req_w is not None:
            try:
                self.req_w.write(b"I\n")
            except OSError:
                pass
