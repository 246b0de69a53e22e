#!/usr/bin/python3
"""In-sandbox agent: the main process of one session's bubblewrap sandbox.

Reads newline-delimited JSON requests on stdin, runs each on its own thread and writes replies
(and streaming events) as JSON lines on stdout; an event may carry raw bytes after its line (a
terminal's output: no decoding or JSON escaping in here). See docs/ARCHITECTURE.md, "Sandbox agent
protocol".

Ops live in sibling modules that expose OPS = {"name": fn(args, emit) -> dict}; a handler raises
ToolError for a failure the caller should see as a tool error (isError), anything else is internal.
Modules are imported lazily so the agent starts in a few milliseconds.
"""
import importlib
import os
import sys
# _thread, not threading: threading (with functools and collections) was ~3.5 ms of CPU of each
# agent's start; its requests need only daemon threads and locks.
from _thread import allocate_lock, start_new_thread

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# No OpenSSL in the agent: without _hashlib, hashlib and hmac (the kernel protocol's HMAC-SHA256)
# use CPython's built-in SHA-256. Loading libcrypto cost every agent ~2 ms of CPU and 0.5 MiB.
sys.modules.setdefault("_hashlib", None)

from common import ToolError  # noqa: E402
import guard  # noqa: E402
import wire  # noqa: E402

# op name -> module that provides it. Keep in sync with each module's OPS.
MODULES = {
    "ping": "common",
    "shell": "shell",
    "metrics": "metrics",
    "term_open": "terminal",
    "term_input": "terminal",
    "term_resize": "terminal",
    "term_close": "terminal",
}
FILE_OPS = [
    "create_directory", "delete_file", "move_file", "edit_file", "get_file_info", "list_directory",
    "read_file", "read_multiple_files", "search_files", "write_file", "get_file_change", "list_entries",
]
for _op in FILE_OPS:
    MODULES[_op] = "files"
for _op in ["run_code", "interrupt", "prewarm", "kernel_status"]:
    MODULES[_op] = "kernels"

_out = None  # the channel to the runtime, set in main()
_out_lock = allocate_lock()
_inflight = 0  # requests being handled
_inflight_lock = allocate_lock()


# The runtime ends an agent that sends a frame over 32 MiB; ours stay well below.
MAX_FRAME = 24 * 1024 * 1024


def send(obj, raw=None):
    """One frame: the JSON line, and with raw (bytes, events only) `"raw": <length>` in the line
    followed by exactly those bytes."""
    if raw is not None:
        obj["raw"] = len(raw)
    line = (wire.dumps(obj, compact=True, ascii=False) + "\n").encode("utf-8")
    if len(line) + len(raw or b"") > MAX_FRAME:
        rid = obj.get("id")
        msg = "reply too large (%d bytes; the limit is %d): ask for less output" % (len(line) + len(raw or b""), MAX_FRAME)
        if "event" in obj:
            obj = {"id": rid, "event": {"type": "error", "message": msg}}
        else:
            obj = {"id": rid, "ok": False, "error": {"message": msg, "kind": "tool"}}
        line, raw = (wire.dumps(obj, compact=True) + "\n").encode("utf-8"), None
    with _out_lock:
        _out.write(line)
        if raw:
            _out.write(raw)
        _out.flush()


def handle(req):
    global _inflight
    with _inflight_lock:
        _inflight += 1
    try:
        _handle(req)
    finally:
        with _inflight_lock:
            _inflight -= 1
            if _inflight == 0:
                guard.release_free_memory()


def _handle(req):
    rid = req.get("id")
    op = req.get("op")
    try:
        mod_name = MODULES.get(op)
        if mod_name is None:
            raise ToolError("unknown op: %s" % op)
        mod = importlib.import_module(mod_name)
        fn = mod.OPS[op]
        result = fn(req.get("args") or {}, lambda ev, raw=None: send({"id": rid, "event": ev}, raw))
        send({"id": rid, "ok": True, "result": result if result is not None else {}})
    except ToolError as e:
        send({"id": rid, "ok": False, "error": {"message": str(e), "kind": "tool"}})
    except Exception as e:  # a bug in the agent: report it, keep serving
        import traceback  # here, not at start-up: it costs the agent's start a few ms of imports

        traceback.print_exc(file=sys.stderr)
        send({"id": rid, "ok": False, "error": {"message": "%s: %s" % (type(e).__name__, e), "kind": "internal"}})


def apply_limits(argv):
    """`--limits=nproc,nofile,fsize,nice` from the runtime: the session's rlimits (soft and hard, which
    nothing in the session can raise again) and its niceness (added to the runtime's), set before
    the agent serves anything. Every process of the session descends from the agent or, a forked
    kernel, copies them from it."""
    spec = next((a[len("--limits="):] for a in argv if a.startswith("--limits=")), None)
    if spec is None:
        return
    import resource
    nproc, nofile, fsize, nice = (int(x) for x in spec.split(","))
    for res, value in ((resource.RLIMIT_NPROC, nproc), (resource.RLIMIT_NOFILE, nofile), (resource.RLIMIT_FSIZE, fsize)):
        _soft, hard = resource.getrlimit(res)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(res, (value, value))
    os.nice(nice)


def main():
    global _out
    apply_limits(sys.argv[1:])
    # The channel leaves fds 0/1 (see guard.py); anything a library prints goes to stderr.
    channel_in, _out = guard.harden()
    sys.stdout = sys.stderr
    sys.stdin = open(os.devnull)
    send({"id": 0, "ok": True, "result": {"ready": True, "pid": os.getpid(), "uid": os.getuid()}})
    for line in channel_in:
        line = line.strip()
        if not line:
            continue
        try:
            req = wire.loads(line)
        except ValueError:
            send({"id": None, "ok": False, "error": {"message": "malformed request", "kind": "internal"}})
            continue
        if req.get("op") == "ping":
            # Answered here, without a thread: the runtime's liveness check must work even when the
            # session's processes use up its pids limit.
            send({"id": req.get("id"), "ok": True, "result": {"pong": True}})
            continue
        try:
            start_new_thread(handle, (req,))
        except RuntimeError:  # can't start new thread: the session is at its pids limit
            send({"id": req.get("id"), "ok": False, "error": {
                "message": "the session is at its process/thread limit; stop some of its processes and retry",
                "kind": "tool"}})


if __name__ == "__main__":
    main()
