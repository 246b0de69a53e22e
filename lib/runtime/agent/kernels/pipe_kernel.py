"""Base of kernels driven over two pipes (JavaScript, Java): requests down one, JSON-line replies up the other.

The child's stdout/stderr stay ordinary pipes: what a cell's child processes write there is
attributed to the running cell. Reader threads feed one queue; execute() drains it for its cell.
"""
import json
import os
import queue
import subprocess
import threading
import time

from .base import KernelDied, KernelUnavailable, ProcessKernel, describe_exit, kernel_env


class PipeKernel(ProcessKernel):
    interrupt_grace_s = 3.0

    def __init__(self):
        self.proc = None
        self.q = queue.Queue()
        self.req_w = None
        self.count = 0
        self.next_id = 1
        self.current = None

    # subclasses
    def argv(self):
        raise NotImplementedError

    def encode(self, rid, code):
        return (json.dumps({"id": rid, "code": code}) + "\n").encode()

    def prepare(self, deadline):
        """Checks the runtime exists (raise KernelUnavailable) and builds what the kernel needs."""

    def start(self, deadline):
        self.prepare(deadline)
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        env = kernel_env({"AGB_PROTO_IN": str(req_r), "AGB_PROTO_OUT": str(rep_w)})
        try:
            self.proc = subprocess.Popen(self.argv(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, pass_fds=(req_r, rep_w),
                                         cwd=os.environ.get("HOME") or "/", env=env, start_new_session=True)
        except OSError as e:
            for fd in (req_r, req_w, rep_r, rep_w):
                os.close(fd)
            raise KernelUnavailable("cannot start the %s kernel: %s" % (self.language, e))
        os.close(req_r)
        os.close(rep_w)
        self.req_w = os.fdopen(req_w, "wb", buffering=0)
        threading.Thread(target=self._read_proto, args=(os.fdopen(rep_r, "rb"),), daemon=True).start()
        threading.Thread(target=self._read_raw, args=(self.proc.stdout, "stdout"), daemon=True).start()
        threading.Thread(target=self._read_raw, args=(self.proc.stderr, "stderr"), daemon=True).start()
        startup_err = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.shutdown()
                raise KernelDied("the %s kernel did not become ready in time" % self.language)
            try:
                kind, payload = self.q.get(timeout=min(left, 0.1))
            except queue.Empty:
                if self.proc.poll() is not None and self.q.empty():
                    raise KernelDied("the %s kernel %s while starting: %s" % (
                        self.language, describe_exit(self.proc.returncode), "".join(startup_err)[-600:].strip()))
                continue
            if kind == "proto" and payload.get("type") == "ready":
                return
            if kind in ("stdout", "stderr"):
                startup_err.append(payload)

    def _read_proto(self, f):
        for line in f:
            try:
                self.q.put(("proto", json.loads(line)))
            except ValueError:
                self.q.put(("stdout", line.decode("utf-8", "replace")))
        self.q.put(("eof", None))

    def _read_raw(self, f, name):
        while True:
            data = f.read1(65536) if hasattr(f, "read1") else f.read(65536)
            if not data:
                return
            self.q.put((name, data.decode("utf-8", "replace")))

    def shutdown(self):
        self._kill_proc()
        if self.req_w is not None:
            try:
                self.req_w.close()
            except OSError:
                pass
            self.req_w = None

    def execute(self, code, timeout, out):
        rid = self.next_id
        self.next_id += 1
        self.current = rid
        try:
            self.req_w.write(self.encode(rid, code))
        except (BrokenPipeError, OSError):
            raise KernelDied("the %s kernel %s" % (self.language, describe_exit(self.proc.poll())))
        deadline = time.monotonic() + timeout
        give_up = None
        timed_out = False
        while True:
            now = time.monotonic()
            if not timed_out and now > deadline:
                timed_out = True
                self.interrupt()
                give_up = now + self.interrupt_grace_s
            if give_up is not None and now > give_up:
                self.shutdown()
                out.fail("TimeoutError", "execution exceeded %gs and the kernel did not respond to an interrupt; "
                         "it was restarted and its state is lost" % timeout)
                return self.count
            try:
                kind, payload = self.q.get(timeout=0.05)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise KernelDied("the %s kernel %s during execution; its state is lost and a new kernel starts "
                                     "on the next run" % (self.language, describe_exit(self.proc.returncode)))
                continue
            if kind in ("stdout", "stderr"):
                out.stream(kind, payload)
            elif kind == "eof":
                self.proc.wait()
                raise KernelDied("the %s kernel %s during execution; its state is lost and a new kernel starts "
                                 "on the next run" % (self.language, describe_exit(self.proc.returncode)))
            elif payload.get("id") == rid:
                t = payload.get("type")
                if t in ("stdout", "stderr"):
                    out.stream(t, payload.get("chunk", ""))
                elif t == "result":
                    out.result(payload.get("bundle") or {}, main=bool(payload.get("main")))
                elif t == "done":
                    self.count += 1
                    if payload.get("value") is not None:
                        out.result({"text/plain": payload["value"]}, main=True)
                    err = payload.get("error")
                    if timed_out:
                        out.fail("TimeoutError", "execution exceeded %gs and was interrupted; the kernel keeps its "
                                 "state" % timeout)
                    elif err:
                        out.fail(err.get("name") or "Error", err.get("value") or "", err.get("traceback") or "")
                    self.current = None
                    return self.count
