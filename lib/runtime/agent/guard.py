"""Keeps the agent out of reach of the session's own code (it runs under the same uid).

The agent is pid 1 of the sandbox's pid namespace (bubblewrap --as-pid-1). Measured alternatives:
a non-dumpable process alone still takes SIGSTOP/SIGKILL from same-uid code; a separate uid for the
agent needs a second uid mapped in the sandbox's user namespace and CAP_SETUID kept by the agent;
a nested user+pid namespace for user code hides the agent but shows user code a /proc of the
outer namespace (wrong pids for ps, psutil, kill). pid 1 + non-dumpable needs neither:
- the kernel drops every signal sent to a namespace's init from inside it unless init installed a
  handler; we install none but SIGCHLD's (it only wakes the reaper; SIGINT goes back to SIG_DFL),
  so SIGSTOP, SIGKILL, SIGTERM... do nothing;
- PR_SET_DUMPABLE=0 makes ptrace, pidfd_getfd and /proc/1/{fd,mem,environ,...} need
  CAP_SYS_PTRACE in the sandbox's user namespace, which user code never has;
- the channel to the runtime moves to close-on-exec descriptors; fd 0 becomes /dev/null and fd 1
  the agent's stderr, so no child inherits the channel.
As init the agent must reap orphans (background jobs whose shell exited, kernels forked by the
runtime's zygote), and fast: zombies count against the session's pids limit. The reaper reaps every
child with waitpid(-1); the exit status of one of the agent's own subprocess.Popen children, or of
an adopted kernel, is kept for its owner (Popen's wait/poll, exit_status()).
What same-uid code can still do to pid 1 is limited to its own session (e.g. prlimit on it): the
runtime then sees a dead or silent agent and restarts it.
"""
import os
import select
import sys
from _thread import RLock, start_new_thread

# _signal, not signal: the module adds enums (and imports enum) that the agent does not need.
from _signal import SIG_DFL, SIGCHLD, SIGINT, set_wakeup_fd, signal

PR_SET_DUMPABLE = 4
M_ARENA_MAX = -8
_libc = None

_own = set()  # pids of live Popen children
_stash = {}  # pid -> wait status of an own child the reaper reaped first
# Reentrant: Popen's poll runs under it and calls _handle_exitstatus, which takes it again.
_own_lock = RLock()


def _load_libc():
    """libc's functions through _ctypes, the C module under ctypes: the same calls ctypes.CDLL(None)
    makes (int arguments, an int result, errno kept), without importing the ctypes package, whose
    classes and helpers cost each agent's start ~2.5 ms of CPU."""
    import _ctypes

    class c_int(_ctypes._SimpleCData):
        _type_ = "i"

    class Function(_ctypes.CFuncPtr):
        _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_USE_ERRNO
        _restype_ = c_int

    class Libc:
        _handle = _ctypes.dlopen(None, 0)

        def __getattr__(self, name):
            fn = Function((name, self))
            setattr(self, name, fn)
            return fn

    return Libc(), _ctypes.get_errno


def harden():
    """Returns (channel_in text, channel_out binary) file objects; call before any thread starts."""
    libc, get_errno = _load_libc()
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")
    # One malloc arena: each request runs on a thread of its own, and glibc gave threads arenas of
    # their own, ~1 MiB of touched pages per agent that its few, short-lived threads do not need.
    # (mallopt, not MALLOC_ARENA_MAX, which every process of the session would inherit.)
    libc.mallopt(M_ARENA_MAX, 1)
    global _libc
    _libc = libc
    signal(SIGINT, SIG_DFL)
    # os.dup gives non-inheritable (O_CLOEXEC) descriptors.
    cin, cout = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    if os.getpid() == 1:
        _track_popen_on_import()
        # SIGCHLD wakes the reaper at once: the C-level wakeup fd writes a byte to a pipe the reaper
        # waits on. The Python handler does nothing (one that took a lock could deadlock when a
        # second SIGCHLD re-enters it). Having a handler lets user code send SIGCHLD too: harmless.
        r, w = os.pipe()
        os.set_blocking(w, False)
        os.set_blocking(r, False)
        signal(SIGCHLD, lambda *_: None)
        set_wakeup_fd(w, warn_on_full_buffer=False)
        start_new_thread(_reap, (r,))
    # The way out is binary: a frame may carry raw bytes after its JSON line (agent.py, send).
    return os.fdopen(cin, "r", encoding="utf-8", errors="replace"), os.fdopen(cout, "wb")


def release_free_memory():
    """Gives the pages of freed heap memory back to the kernel (malloc_trim): a session's agent idles
    most of its life, and what its requests freed (~0.6 MiB after a kernel start and a run) stayed
    resident. A few µs once the heap is trimmed."""
    if _libc is not None:
        _libc.malloc_trim(0)


class _PopenTracker:
    """A meta path finder that patches subprocess.Popen the moment anything imports subprocess
    (before the importer gets it): a session that only runs Python code in a forked kernel never
    needs the module, whose import (with locale, selectors, contextlib) was ~3 ms of each agent's
    start."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "subprocess":
            return None
        for finder in sys.meta_path:
            spec = finder.find_spec(name, path, target) if finder is not cls and hasattr(finder, "find_spec") else None
            if spec is not None:
                break
        else:
            return None
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            _track_popen(module)
            if cls in sys.meta_path:
                sys.meta_path.remove(cls)

        spec.loader.exec_module = exec_and_patch
        return spec


def _track_popen_on_import():
    if "subprocess" in sys.modules:
        _track_popen(sys.modules["subprocess"])
    else:
        sys.meta_path.insert(0, _PopenTracker)


def _track_popen(subprocess):
    P = subprocess.Popen
    orig_exec, orig_status, orig_try_wait, orig_poll = P._execute_child, P._handle_exitstatus, P._try_wait, P._internal_poll

    def execute_child(self, *a, **kw):
        with _own_lock:  # held across fork, so the reaper never reaps an unregistered own child
            orig_exec(self, *a, **kw)
            _own.add(self.pid)

    def handle_exitstatus(self, *a, **kw):
        with _own_lock:
            _own.discard(self.pid)
            _stash.pop(self.pid, None)
        return orig_status(self, *a, **kw)

    def try_wait(self, wait_flags):
        if wait_flags & os.WNOHANG:
            with _own_lock:
                if self.pid in _stash:
                    return self.pid, _stash.pop(self.pid)
                return orig_try_wait(self, wait_flags)
        with _own_lock:
            if self.pid in _stash:
                return self.pid, _stash.pop(self.pid)
        pid, sts = orig_try_wait(self, wait_flags)
        if pid == self.pid and sts == 0:
            # orig maps ECHILD to status 0: the reaper may have taken the real one meanwhile
            with _own_lock:
                if self.pid in _stash:
                    return self.pid, _stash.pop(self.pid)
        return pid, sts

    def internal_poll(self, *a, **kw):
        with _own_lock:
            if self.returncode is None and self.pid in _stash:
                self._handle_exitstatus(_stash.pop(self.pid))
                return self.returncode
            return orig_poll(self, *a, **kw)

    P._execute_child, P._handle_exitstatus, P._try_wait, P._internal_poll = execute_child, handle_exitstatus, try_wait, internal_poll


def adopt(pid):
    """Keeps the exit status of `pid`, a process the agent did not start but inherits as init (a
    kernel forked by the runtime's zygote), for exit_status(). Call as soon as its pid is known."""
    with _own_lock:
        _own.add(pid)


def exit_status(pid):
    """(reaped, wait status) of an adopted process: reaps it here if the reaper has not yet."""
    with _own_lock:
        if pid in _stash:
            _own.discard(pid)
            return True, _stash.pop(pid)
        try:
            got, sts = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not (yet) our child, or reaped before adopt()
            return False, None
        if got == pid:
            _own.discard(pid)
            return True, sts
        return False, None


def _reap(wake_fd):
    # Woken by SIGCHLD's byte. The byte cannot be lost (the pipe is drained before waitpid runs, so
    # a child that ends meanwhile writes another), so the timeout is only a backstop: at 1 s it
    # woke every idle agent once a second, ~0.2 ms of CPU a second each (350 agents: 3 % of 2 cores).
    while True:
        select.select([wake_fd], [], [], 60.0)
        try:
            while os.read(wake_fd, 512):
                pass
        except BlockingIOError:
            pass
        while True:
            with _own_lock:
                try:
                    pid, sts = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                if pid in _own:
                    _stash[pid] = sts
