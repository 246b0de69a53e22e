"""Interactive terminals: a shell on a pseudo-terminal inside the sandbox (an extension, not AGB).

Ops (each terminal has an id chosen by the runtime):
  term_open   {id, cols, rows, maxBytesPerS}  starts `bash -i` (sh if absent) on a new PTY in $HOME,
              emits {"type":"started"} once it accepts input, then streams
              {"type":"output"} events carrying the PTY's bytes as a raw frame (agent.py, send)
              until the shell exits, then answers {"exitCode": n|null, "signal": n|null,
              "pauses": n}. The runtime decodes the bytes as UTF-8 incrementally.
  term_input  {id, data}            writes keystrokes (text) to the PTY
  term_resize {id, cols, rows}      sets the window size (the shell gets SIGWINCH)
  term_close  {id}                  SIGHUP, then SIGKILL, to the terminal's process group

Output above maxBytesPerS is not dropped: the reader sleeps, the PTY buffer fills and the program
writing to it blocks, as on a slow serial line. The shell gets its controlling terminal through
`setsid -c` rather than a preexec_fn, which is unsafe in this multi-threaded agent.
"""
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import threading
import time

from common import ToolError

HOME = os.environ.get("HOME", "/")
READ_CHUNK = 65536
BATCH_MAX = 1024 * 1024
_terms = {}
_lock = threading.Lock()


def _winsize(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _dims(args):
    cols, rows = args.get("cols", 80), args.get("rows", 24)
    if not isinstance(cols, int) or not isinstance(rows, int) or not (1 <= cols <= 1000) or not (1 <= rows <= 1000):
        raise ToolError("cols and rows must be integers between 1 and 1000")
    return cols, rows


def _get(args):
    t = _terms.get(args.get("id"))
    if not t:
        raise ToolError("no terminal %s (it has exited)" % args.get("id"))
    return t


def _shell_cmd():
    for sh in ("/bin/bash", "/usr/bin/bash"):
        if os.path.exists(sh):
            return [sh, "-i"]
    return ["/bin/sh", "-i"]


def _open(args, emit):
    tid = args.get("id")
    if not isinstance(tid, str) or not tid:
        raise ToolError("id must be a non-empty string")
    cols, rows = _dims(args)
    rate = args.get("maxBytesPerS") or 0
    with _lock:
        if tid in _terms:
            raise ToolError("terminal %s already exists" % tid)
        _terms[tid] = None  # reserved
    try:
        master, slave = os.openpty()
        _winsize(slave, cols, rows)
        env = dict(os.environ)
        env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "HOME": HOME, "SHELL": _shell_cmd()[0]})
        proc = subprocess.Popen(
            ["setsid", "-c"] + _shell_cmd(),
            stdin=slave, stdout=slave, stderr=slave, cwd=HOME, env=env, close_fds=True,
        )
        os.close(slave)
    except OSError as e:
        with _lock:
            _terms.pop(tid, None)
        raise ToolError("cannot start a terminal: %s" % e)
    with _lock:
        _terms[tid] = {"master": master, "proc": proc}
    emit({"type": "started", "pid": proc.pid})
    window_start, window_bytes = time.monotonic(), 0
    pauses = 0  # reported at exit, so the pacing is observable without timing it
    # Never gather more than a second's budget, so the rate check below stays exact.
    batch_max = min(BATCH_MAX, rate) if rate > 0 else BATCH_MAX
    os.set_blocking(master, False)
    poller = select.poll()  # not select(): the PTY's fd may be above FD_SETSIZE
    poller.register(master, select.POLLIN)
    eof = False
    try:
        while not eof:
            # A PTY hands out at most a few KB per read: take everything already waiting (up to
            # batch_max) into one event, so a fast producer costs a few large messages instead of
            # thousands of small ones, and a keystroke's echo still goes out at once.
            parts, size = [], 0
            while size < batch_max:
                try:
                    b = os.read(master, READ_CHUNK)
                except BlockingIOError:
                    break
                except OSError:  # EIO: every slave fd is closed (the shell and its children exited)
                    eof = True
                    break
                if not b:
                    eof = True
                    break
                parts.append(b)
                size += len(b)
            if not parts:
                if not eof:
                    poller.poll()
                continue
            # The bytes go out as they are (a raw frame): the runtime decodes UTF-8 incrementally,
            # so a character split across reads stays whole.
            emit({"type": "output"}, raw=parts[0] if len(parts) == 1 else b"".join(parts))
            if rate > 0:
                window_bytes += size
                now = time.monotonic()
                if now - window_start >= 1.0:
                    window_start, window_bytes = now, size
                elif window_bytes >= rate:
                    pauses += 1
                    time.sleep(max(0.0, 1.0 - (now - window_start)))
                    window_start, window_bytes = time.monotonic(), 0
    finally:
        try:
            code = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            code = proc.wait()
        with _lock:
            _terms.pop(tid, None)
        os.close(master)
    return {"exitCode": code if code >= 0 else None, "signal": -code if code < 0 else None, "pauses": pauses}


def _signal_group(proc, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _input(args, emit):
    t = _get(args)
    data = args.get("data")
    if not isinstance(data, str):
        raise ToolError("data must be a string")
    buf = data.encode("utf-8")
    while buf:
        try:
            n = os.write(t["master"], buf)
        except BlockingIOError:  # the master is non-blocking (for the reader): wait for room
            room = select.poll()
            room.register(t["master"], select.POLLOUT)
            room.poll(1000)
            continue
        buf = buf[n:]
    return {}


def _resize(args, emit):
    t = _get(args)
    cols, rows = _dims(args)
    _winsize(t["master"], cols, rows)
    return {}


def _close(args, emit):
    t = _get(args)
    _signal_group(t["proc"], signal.SIGHUP)
    try:
        t["proc"].wait(timeout=1)
    except subprocess.TimeoutExpired:
        _signal_group(t["proc"], signal.SIGKILL)
    return {}


OPS = {"term_open": _open, "term_input": _input, "term_resize": _resize, "term_close": _close}
