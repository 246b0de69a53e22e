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
import selectors
import subprocess
import time

from common import ToolError

CAP = 1024 * 1024
GRACE_S = 0.1
DEFAULT_TIMEOUT_MS = 60000
HOME = os.environ.get("HOME", "/")


class _Capture:
    """One output stream: the first CAP bytes kept, the total counted."""

    def __init__(self):
        self.chunks = []
        self.kept = 0
        self.total = 0

    def add(self, b):
        self.total += len(b)
        if self.kept < CAP:
            part = b[: CAP - self.kept]
            self.chunks.append(part)
            self.kept += len(part)

    def text(self, name):
        data = b"".join(self.chunks)
        if self.total > self.kept:
            # Cut at a character boundary so the note is not glued to half a UTF-8 sequence.
            s = data.decode("utf-8", errors="ignore")
            return s + "\n[%s truncated: %d of %d bytes shown]\n" % (name, self.kept, self.total)
        return data.decode("utf-8", errors="replace")


def _collect(proc, timeout_s):
    """Reads stdout and stderr until the shell exits and its pipes close, or the timeout.

    One selector loop on this thread, no reader threads: a command that uses up the session's
    process budget (a fork bomb) must not leave its own call unable to read its output. The
    shell's exit is a readable pidfd, so neither the exit nor the pipes are polled. When the
    timeout ends the wait, or a background job still holds the pipes GRACE_S after the shell
    exited, the process group is killed and what the pipes still hold is read (at most 1 s).
    Returns (stdout capture, stderr capture, exit status, timed out).
    """
    caps = {proc.stdout.fileno(): _Capture(), proc.stderr.fileno(): _Capture()}
    out_cap, err_cap = caps[proc.stdout.fileno()], caps[proc.stderr.fileno()]
    sel = selectors.DefaultSelector()
    for fd in caps:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    try:
        pidfd = os.pidfd_open(proc.pid)
        sel.register(pidfd, selectors.EVENT_READ)
    except OSError:
        pidfd = None  # no pidfd (old kernel): look for the exit at least every 20 ms

    def read_until(end, watch_exit):
        code = None
        while caps:
            if watch_exit and code is None:
                code = proc.poll()
                if code is not None:
                    end = min(end, time.monotonic() + GRACE_S)
            left = end - time.monotonic()
            if left <= 0:
                break
            if watch_exit and code is None and pidfd is None:
                left = min(left, 0.02)
            for key, _ in sel.select(left):
                if key.fd == pidfd:
                    sel.unregister(pidfd)  # exited: poll() above takes the status
                    continue
                try:
                    b = os.read(key.fd, 65536)
                except BlockingIOError:
                    continue
                if b:
                    caps[key.fd].add(b)
                else:
                    sel.unregister(key.fd)
                    del caps[key.fd]
        return code

    try:
        deadline = time.monotonic() + timeout_s
        code = read_until(deadline, True)
        if code is None and not caps:  # the pipes closed first: the shell is exiting
            try:
                code = proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        timed_out = code is None
        if timed_out or caps:
            _killpg(proc.pid)
            read_until(time.monotonic() + 1.0, False)
        if code is None:
            code = proc.wait()
    finally:
        sel.close()
        if pidfd is not None:
            os.close(pidfd)
    return out_cap, err_cap, code, timed_out


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
    out, err, code, timed_out = _collect(proc, timeout_ms / 1000.0)
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
