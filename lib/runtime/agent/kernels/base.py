"""What every language kernel shares: the output collector, errors and the kernel interface."""
import os
import time

# _signal, and re only when needed: signal's enums and re (with enum) were ~2 ms of each agent's start.
from _signal import SIGINT, SIGKILL

_ansi = None


def strip_ansi(text):
    global _ansi
    if _ansi is None:
        import re
        _ansi = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
    return _ansi.sub("", text)


class KernelUnavailable(Exception):
    """The language runtime is not installed (or cannot start) in this sandbox."""


class KernelDied(Exception):
    """The kernel process exited while starting or running a cell."""


def describe_exit(code):
    if code is None:
        return "exited"
    if code < 0:
        sig = -code
        import signal

        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        hint = " (probably out of memory)" if sig == SIGKILL else ""
        return "was killed by %s%s" % (name, hint)
    return "exited with code %d" % code


def kernel_dir():
    """A private, writable folder for connection files, logs and compiled drivers (inside the sandbox's /tmp)."""
    # TMPDIR or /tmp, not tempfile.gettempdir(): importing tempfile (with shutil, bz2, lzma and
    # random) was ~3 ms of every agent's start; a sandbox's /tmp is always its own writable disk.
    tmp = os.environ.get("TMPDIR") or "/tmp"
    base = os.environ.get("AGB_KERNEL_DIR") or os.path.join(tmp, ".agb-kernels-%d" % os.getuid())
    os.makedirs(base, mode=0o700, exist_ok=True)
    return base


def kernel_env(extra=None):
    env = dict(os.environ)
    home = env.get("HOME") or "/tmp"
    env.setdefault("HOME", home)
    # A uid missing from /etc/passwd breaks getpass.getuser() and R's Sys.info().
    env.setdefault("USER", "user")
    env.setdefault("LOGNAME", env["USER"])
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("LANG", "C.UTF-8")
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env["JPY_PARENT_PID"] = str(os.getpid())
    env.pop("MPLBACKEND", None)  # ipykernel then picks the inline backend: figures come back as image/png
    if extra:
        env.update(extra)
    return env


# Output a run keeps (and streams), like the shell's cap: per stream, and for rich results (images...).
STREAM_CAP = 1024 * 1024
RESULTS_CAP = 8 * 1024 * 1024


class Collector:
    """Gathers one run's output in the run_code result shape (docs/protocol.md, "run_code"); forwards each piece as an event when streaming.

    Each of stdout/stderr keeps at most STREAM_CAP characters and rich results RESULTS_CAP; past
    that a single visible note is added and the rest is counted, not kept or streamed."""

    def __init__(self, emit=None):
        self.emit = emit
        self.stdout = []
        self.stderr = []
        self.results = []
        self.error = None  # {"name", "value", "traceback"}
        self._last_stream = None
        self.started = time.monotonic()
        self._kept = {"stdout": 0, "stderr": 0, "results": 0}
        self._total = {"stdout": 0, "stderr": 0, "results": 0}

    def _over(self, name, size, cap):
        """Counts size; returns how much of it may be kept (0 once the cap is reached)."""
        self._total[name] += size
        room = cap - self._kept[name]
        keep = max(0, min(size, room))
        self._kept[name] += keep
        return keep

    def stream(self, name, text):
        if not text:
            return
        key = "stdout" if name == "stdout" else "stderr"
        full = self._kept[key] >= STREAM_CAP
        keep = self._over(key, len(text), STREAM_CAP)
        if keep < len(text):
            if full:
                return
            text = text[:keep] + "\n[%s truncated: output past %d characters is not shown]\n" % (key, STREAM_CAP)
        self._append(name, text)

    def _append(self, name, text):
        chunks = self.stdout if name == "stdout" else self.stderr
        if self._last_stream == name and chunks:
            chunks[-1] += text
        else:
            chunks.append(text)
        self._last_stream = name
        if self.emit:
            self.emit({"type": name, "chunk": text})

    def result(self, bundle, main=False):
        size = sum(len(v) if isinstance(v, str) else 64 for v in bundle.values())
        full = self._kept["results"] >= RESULTS_CAP
        if self._over("results", size, RESULTS_CAP) < size:
            self._kept["results"] = RESULTS_CAP
            if not full:
                self.stream("stderr", "[results truncated: rich output past %d bytes is not shown]\n" % RESULTS_CAP)
            return
        item = dict(bundle)
        item["isMainResult"] = bool(main)
        self.results.append(item)
        self._last_stream = None
        if self.emit:
            self.emit({"type": "result", "result": item})

    def fail(self, name, value, traceback=""):
        if self.error is None:
            self.error = {"name": name, "value": value, "traceback": traceback}
            if traceback:
                self.stream("stderr", traceback if traceback.endswith("\n") else traceback + "\n")

    def to_json(self, execution_count, language):
        out = {
            "result": self.results,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "execution_count": execution_count,
            "execution_time": round(time.monotonic() - self.started, 6),
            "language": language,
        }
        if self.error:
            err = self.error
            out["executionError"] = "%s: %s" % (err["name"], err["value"]) if err["value"] else err["name"]
            out["error"] = err
        return out


class Kernel:
    """Interface of one language's stateful kernel. Only interrupt() may be called from another thread."""

    language = "?"

    def start(self, deadline):
        raise NotImplementedError

    def alive(self):
        raise NotImplementedError

    def execute(self, code, timeout, out):
        """Runs code, fills `out`; returns the execution count. Raises KernelDied if the kernel exits."""
        raise NotImplementedError

    def interrupt(self):
        raise NotImplementedError

    def shutdown(self):
        raise NotImplementedError

    def pids(self):
        return []


class ProcessKernel(Kernel):
    """A kernel that is one child process (self.proc, started in its own process group)."""

    proc = None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def pids(self):
        return [self.proc.pid] if self.alive() else []

    def interrupt(self):
        if self.alive():
            try:
                os.kill(self.proc.pid, SIGINT)
            except ProcessLookupError:
                pass

    def _kill_proc(self):
        """Kills the kernel's process group and reaps it (waiting up to 2 s)."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            import subprocess  # here: a forked Python kernel's agent need not load it (guard.py)

            try:
                self.proc.wait(2)
            except subprocess.TimeoutExpired:
                pass
