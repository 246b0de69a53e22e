"""The client side of ZMTP 3.0 (rfc.zeromq.org/spec/23) over ipc:// (Unix stream sockets), NULL
security: what the agent needs to be a DEALER or SUB peer of a kernel's libzmq sockets.

pyzmq in the agent cost each session ~13 ms of CPU to import and ~1.7 MiB of private memory with its
context and I/O thread; every session starts an agent, so both count in a fleet. A kernel is a local
peer on a private folder of the sandbox: no reconnects (a kernel that goes away is replaced with new
sockets), no heartbeats, no security mechanism.
"""
import errno
import select
import struct
import time
# The C socket type: the socket module's wrapper adds nothing used here and its import (enum classes
# built from every constant of _socket) cost each agent ~1.5 ms of CPU.
from _socket import AF_UNIX, SOCK_STREAM, socket as _socket

_MORE, _LONG, _COMMAND = 0x01, 0x02, 0x04
# signature, version 3.0, mechanism NULL, as-server 0, filler
GREETING = b"\xff" + b"\0" * 8 + b"\x7f" + b"\x03\x00" + b"NULL".ljust(20, b"\0") + b"\0" + b"\0" * 31


class ZmtpError(OSError):
    pass


def _ready(socket_type, identity):
    body = b"\x05READY" + _prop(b"Socket-Type", socket_type)
    if identity is not None:
        body += _prop(b"Identity", identity)
    return _frame(body, _COMMAND)


def _prop(name, value):
    return bytes([len(name)]) + name + struct.pack(">I", len(value)) + value


def _frame(body, flags=0):
    if len(body) > 255:
        return bytes([flags | _LONG]) + struct.pack(">Q", len(body)) + body
    return bytes([flags, len(body)]) + body


class Socket:
    """One connected peer; send_multipart blocks, recv_multipart returns a message or None."""

    def __init__(self, path, socket_type, identity=None, subscribe=None, deadline=None, alive=None):
        """Connects to `path` (retrying while the kernel has not bound it yet, until `deadline` or
        until `alive()` says the kernel is gone) and does the handshake."""
        self._buf = bytearray()
        self._eof = False
        self._parts = []
        self._ready = []
        self._sock = None
        pause = 0.002
        while True:
            s = _socket(AF_UNIX, SOCK_STREAM)
            try:
                s.connect(path)
                break
            except OSError as e:
                s.close()
                if e.errno not in (errno.ENOENT, errno.ECONNREFUSED):
                    raise
                if (deadline is not None and time.monotonic() > deadline) or (alive is not None and not alive()):
                    raise ZmtpError(e.errno, "cannot connect to %s: %s" % (path, e.strerror))
                time.sleep(pause)
                pause = min(pause * 1.5, 0.02)
        self._sock = s
        s.settimeout(None if deadline is None else max(0.1, deadline - time.monotonic()))
        s.sendall(GREETING + _ready(socket_type, identity))
        peer = self._read_exact(64)
        if peer[0] != 0xFF or peer[9] != 0x7F or peer[10] < 3 or peer[12:32].rstrip(b"\0") != b"NULL":
            raise ZmtpError(errno.EPROTO, "%s does not speak ZMTP 3 with NULL security" % path)
        flags = self._read_exact(1)[0]
        size = struct.unpack(">Q", self._read_exact(8))[0] if flags & _LONG else self._read_exact(1)[0]
        if not flags & _COMMAND or not self._read_exact(size).startswith(b"\x05READY"):
            raise ZmtpError(errno.EPROTO, "%s did not answer READY" % path)
        s.setblocking(False)
        if subscribe is not None:
            # ZMTP 3.0: a subscription is a message of \x01 + topic.
            self.send_multipart([b"\x01" + subscribe])

    def _read_exact(self, n):
        out = b""
        while len(out) < n:
            b = self._sock.recv(n - len(out))
            if not b:
                raise ZmtpError(errno.ECONNRESET, "the kernel closed the connection")
            out += b
        return out

    def fileno(self):
        return self._sock.fileno()

    def send_multipart(self, parts):
        data = b"".join(_frame(p, _MORE if i < len(parts) - 1 else 0) for i, p in enumerate(parts))
        view = memoryview(data)
        while view:
            try:
                n = self._sock.send(view)
            except BlockingIOError:
                select.select([], [self._sock], [])
                continue
            view = view[n:]

    def pending(self):
        """True when a whole message has been read and waits for recv_multipart, or the peer is gone
        (recv_multipart then says so without waiting for a readable socket)."""
        return bool(self._ready) or self._eof

    def recv_multipart(self):
        """The next whole message, or None when none has arrived; raises ZmtpError once the peer is
        gone and every message it sent before has been handed out (a dying kernel's last output)."""
        if not self._ready:
            self._fill()
        if self._ready:
            return self._ready.pop(0)
        if self._eof:
            raise ZmtpError(errno.ECONNRESET, "the kernel closed the connection")
        return None

    def _fill(self):
        # At most 1 MiB per look, so a kernel that writes faster than we read cannot grow the buffer
        # without bound before the messages in it are handed out.
        for _ in range(16):
            try:
                b = self._sock.recv(1 << 16)
            except BlockingIOError:
                break
            if not b:
                self._eof = True
                break
            self._buf += b
        buf, i = self._buf, 0
        while len(buf) - i >= 2:
            flags = buf[i]
            if flags & _LONG:
                if len(buf) - i < 9:
                    break
                size, head = struct.unpack_from(">Q", buf, i + 1)[0], 9
            else:
                size, head = buf[i + 1], 2
            if len(buf) - i < head + size:
                break
            body = bytes(buf[i + head:i + head + size])
            i += head + size
            if flags & _COMMAND:
                continue  # e.g. a PING (no heartbeat is asked for) or an unknown command
            self._parts.append(body)
            if not flags & _MORE:
                self._ready.append(self._parts)
                self._parts = []
        del buf[:i]

    def close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def poll(sockets, timeout_s):
    """The sockets with a message to read, waiting up to timeout_s for one."""
    ready = [s for s in sockets if s.pending()]
    if ready:
        return ready
    r, _, _ = select.select(sockets, [], [], timeout_s)
    return r
