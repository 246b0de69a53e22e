"""Kernels forked by the runtime's zygote instead of started by the agent.

The agent writes the connection file (the key never leaves the sandbox), asks the runtime for a kernel
through an event on the prewarm request, and waits for the forked kernel to write its pid (as the
sandbox sees it) next to the connection file. The kernel is then an ordinary process of the sandbox:
same uid, namespaces and cgroups; the zygote's launcher that forked it exits at once, so the agent,
the namespace's init, becomes its parent and reaps it (guard.py keeps its exit status). The runtime
reports a failed fork with a second prewarm call ({"zygoteFailed": dir}), which ends the wait at once.
"""
import os
import select
import time
from _thread import allocate_lock

import guard

from .base import KernelDied

_failed = {}
_failed_lock = allocate_lock()


def report_failure(directory, message):
    with _failed_lock:
        _failed[directory] = message or "the zygote could not start the kernel"


class ForkedProcess:
    """The part of subprocess.Popen the kernels use, for a process that is not our child."""

    def __init__(self, pid):
        self.pid = pid
        guard.adopt(pid)
        self.returncode = None
        self._exited = False
        try:
            self._fd = os.pidfd_open(pid)
        except OSError:
            self._fd = None

    def poll(self):
        if self._exited:
            return self.returncode if self.returncode is not None else "exited"
        if self._fd is not None:
            if not select.select([self._fd], [], [], 0)[0]:
                return None
        else:
            try:
                os.kill(self.pid, 0)
                return None
            except ProcessLookupError:
                pass
        self._exited = True
        # Exited (a zombie until reaped): its launcher may still be its parent for a moment, then the
        # agent's reaper or exit_status() reaps it.
        end = time.monotonic() + 0.5
        while True:
            reaped, sts = guard.exit_status(self.pid)
            if reaped:
                self.returncode = os.waitstatus_to_exitcode(sts)
                break
            if time.monotonic() > end:
                break
            time.sleep(0.01)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        return self.returncode if self.returncode is not None else "exited"

    def wait(self, timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess
                raise subprocess.TimeoutExpired("forked kernel", timeout)
            time.sleep(0.01)
        return self.returncode


def forked_process(directory, request, deadline):
    """Calls request() (which asks the runtime for the fork) and waits for the kernel's pid file."""
    request()
    pid_file = os.path.join(directory, "pid")
    # From 2 ms up to 25 ms between looks: a fork takes a few ms on a quiet box, and a fleet of
    # agents all waiting while the box is busy should not spend its CPU on looking.
    pause = 0.002
    while True:
        with _failed_lock:
            failure = _failed.pop(directory, None)
        if failure is not None:
            raise KernelDied(failure)
        try:
            with open(pid_file) as f:
                return ForkedProcess(int(f.read().strip()))
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise KernelDied("the forked kernel did not start in time")
        time.sleep(pause)
        pause = min(pause * 1.5, 0.025)
