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
As init the agent must reap orphans (background jobs whose shell exited); it reaps only zombies
that are not its own subprocess.Popen children, whose status Popen.wait() still needs.
What same-uid code can still do to pid 1 is limited to its own session (e.g. prlimit on it): the
runtime then sees a dead or silent agent and restarts it.
"""
import ctypes
import os
import signal
import subprocess
import threading
import time

PR_SET_DUMPABLE = 4
_own = set()
_own_lock = threading.Lock()
_wake = threading.Event()


def harden():
    """Returns (channel_in, channel_out) file objects; call before any thread starts."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # os.dup gives non-inheritable (O_CLOEXEC) descriptors.
    cin, cout = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    _track_popen()
    if os.getpid() == 1:
        # SIGCHLD wakes the reaper at once (a handler, so user code can send it too: harmless).
        signal.signal(signal.SIGCHLD, lambda *_: _wake.set())
        threading.Thread(target=_reap_orphans, name="reaper", daemon=True).start()
    return os.fdopen(cin, "r", encoding="utf-8", errors="replace"), os.fdopen(cout, "w", encoding="utf-8")


def _track_popen():
    orig_exec = subprocess.Popen._execute_child
    orig_status = subprocess.Popen._handle_exitstatus

    def execute_child(self, *a, **kw):
        with _own_lock:  # held across fork, so the reaper never sees an unregistered own child
            orig_exec(self, *a, **kw)
            _own.add(self.pid)

    def handle_exitstatus(self, *a, **kw):
        with _own_lock:
            _own.discard(self.pid)
        return orig_status(self, *a, **kw)

    subprocess.Popen._execute_child = execute_child
    subprocess.Popen._handle_exitstatus = handle_exitstatus


def _zombies():
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if fields[0] == "Z" and fields[1] == "1":
            out.append(int(name))
    return out


def _reap_orphans():
    while True:
        _wake.wait(1.0)
        _wake.clear()
        time.sleep(0.005)  # let a burst of exits (a killed process group) settle into one scan
        try:
            zs = _zombies()
        except OSError:
            continue
        for pid in zs:
            with _own_lock:
                if pid in _own:
                    continue
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass
