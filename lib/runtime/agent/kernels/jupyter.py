"""A lean Jupyter-protocol driver (ZMTP + HMAC-SHA256) for ipykernel (Python) and IRkernel (R).

jupyter_client's KernelManager costs ~0.4 s more to start and ~50 MiB more per session (measured on a 2-core box),
so we speak the wire protocol ourselves: shell, iopub and stdin over ipc:// sockets in a private
folder of the sandbox's /tmp, with our own ZMTP peer (zmtp.py) rather than pyzmq.
"""
import hashlib
import hmac
import os
import sys
import time

import wire

from . import zmtp
from .base import KernelDied, KernelUnavailable, ProcessKernel, describe_exit, kernel_dir, kernel_env, strip_ansi
from .forked import forked_process

DELIM = b"<IDS|MSG>"


def _token():
    """What uuid.uuid4().hex gives, without the uuid module (it loads platform and libuuid)."""
    return os.urandom(16).hex()

# Channels and the fake "ports" that name their ipc:// files.
CHANNELS = {"shell": 1, "iopub": 2, "stdin": 3, "control": 4, "hb": 5}


def _utc_now():
    """datetime.now(timezone.utc).isoformat() without datetime (~1.5 ms of an agent's start)."""
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%06d+00:00" % int(t % 1 * 1e6)


def python_argv(conn):
    return ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", conn, "--HistoryManager.enabled=False"]


def r_argv(conn):
    import shutil
    return [shutil.which("R") or "/usr/bin/R", "--slave", "--no-restore", "--no-save",
            "-e", "IRkernel::main()", "--args", conn]


def check_python():
    if not os.path.exists("/usr/lib/python3/dist-packages/ipykernel") and not _has_module("ipykernel"):
        raise KernelUnavailable("the python kernel (ipykernel) is not installed in this sandbox "
                                "(Debian package python3-ipykernel)")


def check_r():
    import shutil
    if not shutil.which("R"):
        raise KernelUnavailable("the r runtime is not installed in this sandbox (Debian packages r-base-core r-cran-irkernel)")
    if not any(os.path.exists(os.path.join(d, "IRkernel")) for d in
               ["/usr/lib/R/site-library", "/usr/lib/R/library", "/usr/local/lib/R/site-library"]):
        raise KernelUnavailable("the r kernel (IRkernel) is not installed in this sandbox (Debian package r-cran-irkernel)")


def _has_module(name):
    # A sandboxed agent runs with -S (no site processing, sandbox.ts): look in the distribution's
    # package folders too, as the kernel's interpreter will.
    import importlib.util
    import site
    for p in site.getsitepackages():
        if p not in sys.path and os.path.isdir(p):
            sys.path.append(p)
    return importlib.util.find_spec(name) is not None


class JupyterKernel(ProcessKernel):
    def __init__(self, language):
        self.language = language
        self.proc = None
        self.sockets = {}
        self.key = _token().encode()
        self.session = _token()
        self.count = 0
        self.dir = None

    # --- wire format -------------------------------------------------------------------------
    def _sign(self, parts):
        h = hmac.new(self.key, digestmod=hashlib.sha256)
        for p in parts:
            h.update(p)
        return h.hexdigest().encode()

    def _send(self, channel, msg_type, content, parent=None):
        header = {
            "msg_id": _token(), "session": self.session, "username": "agb",
            "date": _utc_now(), "msg_type": msg_type, "version": "5.3",
        }
        parts = [wire.dumps(header).encode(), wire.dumps(parent or {}).encode(), b"{}", wire.dumps(content).encode()]
        self.sockets[channel].send_multipart([DELIM, self._sign(parts)] + parts)
        return header["msg_id"]

    def _recv(self, channel):
        """The next message on the channel: None when none has arrived or its signature is wrong."""
        try:
            frames = self.sockets[channel].recv_multipart()
        except zmtp.ZmtpError:
            raise KernelDied("the %s kernel %s" % (self.language, self._gone()))
        if frames is None or DELIM not in frames:
            return None
        i = frames.index(DELIM)
        sig, parts = frames[i + 1], frames[i + 2:i + 6]
        if not hmac.compare_digest(sig, self._sign(parts)):
            return None
        header, parent, _meta, content = (wire.loads(p) for p in parts)
        return {"header": header, "parent": parent, "content": content, "type": header.get("msg_type")}

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self, deadline, forked=None):
        """Starts the kernel process, or with `forked` (python only) asks the runtime's zygote for one:
        forked(dir, conn, env) requests it, and the forked kernel writes its pid into dir/pid."""
        (check_python if self.language == "python" else check_r)()
        self.dir = os.path.join(kernel_dir(), "%s-%s" % (self.language, _token()[:8]))
        os.makedirs(self.dir, mode=0o700)
        ip = os.path.join(self.dir, "k")
        conn = os.path.join(self.dir, "conn.json")
        with open(conn, "w") as f:
            f.write(wire.dumps(dict(transport="ipc", ip=ip, key=self.key.decode(), signature_scheme="hmac-sha256",
                                    kernel_name=self.language, **{c + "_port": p for c, p in CHANNELS.items()})))
        if forked is not None:
            self.proc = forked_process(self.dir, lambda: forked(self.dir, conn, kernel_env()), deadline)
        else:
            import subprocess  # only here: kernels forked by the zygote need none (guard.py)

            argv = python_argv(conn) if self.language == "python" else r_argv(conn)
            log = open(os.path.join(self.dir, "kernel.log"), "wb")
            try:
                self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                             cwd=os.environ.get("HOME") or "/", env=kernel_env(), start_new_session=True)
            except OSError as e:
                raise KernelUnavailable("cannot start the %s kernel: %s" % (self.language, e))
            finally:
                log.close()
        self._connect(ip, deadline)

    def _connect(self, ip, deadline):
        """Connects as soon as the kernel has bound its sockets (iopub before shell, so that no reply's
        status message is published before we listen)."""
        alive = lambda: self.proc.poll() is None  # noqa: E731
        try:
            for name, kind in (("iopub", b"SUB"), ("shell", b"DEALER"), ("stdin", b"DEALER")):
                # The kernel routes input_request to the stdin socket that has the shell socket's identity.
                self.sockets[name] = zmtp.Socket(
                    "%s-%d" % (ip, CHANNELS[name]), kind, identity=self.session.encode() if kind == b"DEALER" else None,
                    subscribe=b"" if kind == b"SUB" else None, deadline=deadline, alive=alive)
        except OSError as e:
            if self.proc.poll() is not None:
                raise KernelDied("the %s kernel %s while starting; its log: %s" % (
                    self.language, describe_exit(self.proc.returncode), self._log_tail()))
            self.shutdown()
            raise KernelDied("could not connect to the %s kernel: %s" % (self.language, e))
        self._wait_ready(deadline)

    def _gone(self):
        """How the kernel ended, once its connection closed (waits briefly for its exit status)."""
        end = time.monotonic() + 0.5
        while self.proc.poll() is None and time.monotonic() < end:
            time.sleep(0.01)
        if self.proc.poll() is None:
            return "closed its connection"
        return describe_exit(self.proc.returncode)

    def _wait_ready(self, deadline):
        """kernel_info_request until a shell reply and an iopub message are back (SUB slow joiner)."""
        socks = [self.sockets["shell"], self.sockets["iopub"]]
        replied_at = None  # when the shell reply came
        iopub_ok = False
        last_send = 0.0
        while replied_at is None or not iopub_ok:
            now = time.monotonic()
            if self.proc.poll() is not None:
                raise KernelDied("the %s kernel %s while starting; its log: %s" % (
                    self.language, describe_exit(self.proc.returncode), self._log_tail()))
            if now > deadline:
                self.shutdown()
                raise KernelDied("the %s kernel did not become ready in time" % self.language)
            # Again after the shell reply when no iopub message came with it: its status messages
            # may have gone out before the kernel had our subscription, and only another request
            # brings more. Before the reply a request is only late (a busy box starts kernels
            # slowly, and each extra request cost the kernel a reply): asked again after a second.
            if replied_at is None:
                due = last_send + 1.0 if last_send else now
            else:
                due = max(last_send + 0.1, replied_at + 0.05)
            if now >= due:
                self._send("shell", "kernel_info_request", {})
                last_send = now
            for sock in zmtp.poll(socks, 0.05):
                while True:
                    msg = self._recv("shell" if sock is self.sockets["shell"] else "iopub")
                    if msg is None:
                        break
                    if sock is self.sockets["shell"]:
                        if replied_at is None and msg["type"] == "kernel_info_reply":
                            replied_at = time.monotonic()
                    else:
                        iopub_ok = True

    def _log_tail(self):
        try:
            with open(os.path.join(self.dir, "kernel.log"), "rb") as f:
                data = f.read()[-600:].decode("utf-8", "replace").strip()
            return data or "(empty)"
        except OSError:
            return "(no log)"

    def shutdown(self):
        self._kill_proc()
        for s in self.sockets.values():
            s.close()
        self.sockets = {}
        if self.dir:
            import shutil
            shutil.rmtree(self.dir, ignore_errors=True)

    # --- running a cell ----------------------------------------------------------------------
    def execute(self, code, timeout, out):
        msg_id = self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": self.language == "r", "stop_on_error": False,
        })
        names = {self.sockets[n]: n for n in ("shell", "iopub", "stdin")}
        socks = list(names)
        deadline = time.monotonic() + timeout
        give_up = None  # after a timeout interrupt: how long we wait for the kernel to come back
        timed_out = False
        reply = None
        idle = False
        while reply is None or not idle:
            now = time.monotonic()
            if not timed_out and now > deadline:
                timed_out = True
                self.interrupt()
                give_up = now + 5
            if give_up is not None and now > give_up:
                # SIGINT did not stop it (e.g. stuck in C code): the kernel is lost with its state.
                self.shutdown()
                out.fail("TimeoutError", "execution exceeded %gs and the kernel did not respond to an interrupt; "
                         "it was restarted and its state is lost" % timeout)
                return self.count
            if self.proc.poll() is not None:
                raise KernelDied("the %s kernel %s during execution; its state is lost and a new kernel starts "
                                 "on the next run" % (self.language, describe_exit(self.proc.returncode)))
            for sock in zmtp.poll(socks, 0.05):
                while True:
                    msg = self._recv(names[sock])
                    if msg is None:
                        break
                    if msg["parent"].get("msg_id") != msg_id:
                        continue
                    channel = names[sock]
                    if channel == "shell":
                        reply = msg
                    elif channel == "stdin":
                        if msg["type"] == "input_request":
                            out.stream("stderr", "input() is not supported here; an empty line was returned\n")
                            self._send("stdin", "input_reply", {"value": ""}, parent=msg["header"])
                    else:
                        idle = idle or self._on_iopub(msg, out)
        content = reply["content"]
        self.count = content.get("execution_count") or self.count + 1
        if timed_out:
            out.error = None
            out.fail("TimeoutError", "execution exceeded %gs and was interrupted; the kernel keeps its state" % timeout)
        elif content.get("status") == "error" and out.error is None:
            out.fail(content.get("ename", "Error"), content.get("evalue", ""),
                     strip_ansi("\n".join(content.get("traceback") or [])))
        if self.language == "r":
            self._r_tidy(out)
        elif content.get("status") == "abort" and out.error is None:
            out.fail("KeyboardInterrupt", "the execution was interrupted")
        return self.count

    @staticmethod
    def _r_tidy(out):
        # IRkernel sends a visible value as display_data, not execute_result: the last non-plot output is it.
        if out.results and not any(r["isMainResult"] for r in out.results):
            last = out.results[-1]
            if not any(k.startswith("image/") for k in last):
                last["isMainResult"] = True
        # IRkernel names every error "ERROR" with the value "Error in <call>: <message>\n".
        if out.error and out.error["name"] == "ERROR":
            value = out.error["value"].strip()
            if value.startswith("Error in eval(expr, envir, enclos): "):
                value = value[len("Error in eval(expr, envir, enclos): "):]
            elif value.startswith("Error: "):
                value = value[len("Error: "):]
            out.error["name"], out.error["value"] = "Error", value

    def _on_iopub(self, msg, out):
        t, c = msg["type"], msg["content"]
        if t == "status":
            return c.get("execution_state") == "idle"
        if t == "stream":
            out.stream("stderr" if c.get("name") == "stderr" else "stdout", c.get("text", ""))
        elif t == "execute_result":
            out.result(c.get("data") or {}, main=True)
        elif t in ("display_data", "update_display_data"):
            out.result(c.get("data") or {}, main=False)
        elif t == "error":
            tb = strip_ansi("\n".join(c.get("traceback") or []))
            out.fail(c.get("ename", "Error"), c.get("evalue", ""), tb)
        return False
