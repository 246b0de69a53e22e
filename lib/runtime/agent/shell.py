"""The `shell` op: one `/bin/sh -c` per request (docs/protocol.md, "shell").

cwd and envs are process attributes, never text in the command. The command runs in its own
session/process group; a timeout SIGKILLs the whole group and answers exit 124 with a stderr note.
stdout and stderr are read separately, each capped at CAP bytes with a visible truncation note.
The reply goes out when the shell exits plus a short grace, even if a background job still holds
the pipes; such a job is then killed with the group.
"""
import os
import resource
import signal
import subprocess
import threading
import time

from common import ToolError

CAP = 1024 * 1024
GRACE_S = 0.1
DEFAULT_TIMEOUT_MS = 60000
HOME = os.environ.get("HOME", "/")


class _Reader(threading.Thread):
    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.chunks = []
        self.kept = 0
        self.total = 0

    def run(self):
        try:
            while True:
                b = os.read(self.stream.fileno(), 65536)
                if not b:
                    break
                self.total += len(b)
                if self.kept < CAP:
                    part = b[: CAP - self.kept]
                    self.chunks.append(part)
                    self.kept += len(part)
        except OSError:
            pass

    def text(self, name):
        data = b"".join(self.chunks)
        if self.total > self.kept:
            # Cut at a character boundary so the note is not glued to half a UTF-8 sequence.
            s = data.decode("utf-8", errors="ignore")
            return s + "\n[%s truncated: %d of %d bytes shown]\n" % (name, self.kept, self.total)
        return data.decode("utf-8", errors="replace")


def _killpg(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _shell(args, emit):
    command = args.get("command")
    if not isinstance(command, str) or command == "":
        raise ToolError("command must be a non-empty string")
    timeout_ms = args.get("timeout_ms", DEFAULT_TIMEOUT_MS)
    if not isinstance(timeout_ms, (int, float)) or timeout_ms <= 0:
        raise ToolError("timeout_ms must be a positive number")
    cwd = args.get("cwd") or HOME
    envs = args.get("envs") or {}
    env = dict(os.environ)
    for k, v in envs.items():
        env[str(k)] = str(v)
    if not os.path.isdir(cwd):
        return {"stdout": "", "stderr": "sh: cannot change directory to %s: No such directory\n" % cwd, "exit_code": 2, "traceId": ""}

    # CPU seconds for anything the command leaves behind (e.g. a setsid daemon spinning).
    cpu_s = int(timeout_ms / 1000) + 30
    try:
        proc = subprocess.Popen(
            ["/bin/sh", "-c", command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as e:
        return {"stdout": "", "stderr": "sh: %s\n" % e, "exit_code": 126, "traceId": ""}
    # Set on the running shell rather than with preexec_fn: that forces a full fork and costs ~4 ms
    # a command; sh needs far longer to start than this call, so its children inherit the limit.
    try:
        resource.prlimit(proc.pid, resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
    except OSError:
        pass
    out, err = _Reader(proc.stdout), _Reader(proc.stderr)
    out.start()
    err.start()
    timed_out = False
    try:
        code = proc.wait(timeout=timeout_ms / 1000.0)
    except subprocess.TimeoutExpired:
        timed_out = True
        _killpg(proc.pid)
        code = proc.wait()
    deadline = time.monotonic() + GRACE_S
    for r in (out, err):
        r.join(max(0.0, deadline - time.monotonic()))
    if out.is_alive() or err.is_alive():
        # A background job still holds the pipes: it dies with the group.
        _killpg(proc.pid)
        out.join(1.0)
        err.join(1.0)
    proc.stdout.close()
    proc.stderr.close()
    stdout, stderr = out.text("stdout"), err.text("stderr")
    if timed_out:
        code = 124
        stderr += "[command timed out after %d ms; its process group was killed]\n" % timeout_ms
    elif code < 0:
        stderr += "[command killed by signal %d]\n" % -code
        code = 128 - code
    return {"stdout": stdout, "stderr": stderr, "exit_code": code, "traceId": ""}


OPS = {"shell": _shell}
