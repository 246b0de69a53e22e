"""agb-spawner: runs the runtime's short host commands (mkfs.ext4, mount, umount) for it, and
mounts a session's disk image itself.

Node's child_process forks the whole runtime (~125 MB mapped) for every command and blocks its event
loop until the child has exec'd; in a fleet of creates that was most of the loop's time, and each
fork's page-table copy and teardown cost CPU. This process is small and CPython starts its children
with vfork, so a command costs little more than its own run.

mount(8) -o loop looked at every loop device and parsed the mount table before and after: ~4 ms of
CPU per image, growing with the number of live sessions; the same loop set-up (a free device from
/dev/loop-control, LOOP_CONFIGURE with autoclear, so that unmounting frees it) and mount(2) take ~1 ms.

Requests are JSON lines on stdin, each run on a thread of its own: {"id": n, "argv": [...]} replies
{"id": n, "code": exit status (negative: signal), "stderr": its tail}; {"id": n, "mountImage":
[image, target]} replies {"id": n, "code": 0} or {"id": n, "code": null, "stderr": why}. It gets
only PATH from the runtime, holds no secret, and exits when its stdin closes (the runtime is gone).
"""
import json
import subprocess
import sys
import threading

_out_lock = threading.Lock()


def reply(obj):
    line = json.dumps(obj) + "\n"
    with _out_lock:
        sys.stdout.write(line)
        sys.stdout.flush()


def run(rid, argv):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        reply({"id": rid, "code": p.returncode, "stderr": p.stderr[-4000:].decode("utf-8", "replace")})
    except Exception as e:  # not found, not executable...
        reply({"id": rid, "code": None, "stderr": "%s: %s" % (type(e).__name__, e)})


LOOP_CTL_GET_FREE, LOOP_CONFIGURE, LO_FLAGS_AUTOCLEAR = 0x4C82, 0x4C0A, 4
MS_NOSUID, MS_NODEV, MS_NOATIME = 2, 4, 1024
EBUSY = 16
_libc = None


def mount_image(image, target):
    """mount -t ext4 -o loop,nosuid,nodev,noatime image target."""
    global _libc
    import ctypes
    import fcntl
    import os
    import struct
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    backing = os.open(image, os.O_RDWR | os.O_CLOEXEC)
    try:
        ctl = os.open("/dev/loop-control", os.O_RDWR | os.O_CLOEXEC)
        try:
            for _ in range(50):
                dev = "/dev/loop%d" % fcntl.ioctl(ctl, LOOP_CTL_GET_FREE)
                loop = os.open(dev, os.O_RDWR | os.O_CLOEXEC)
                # struct loop_config: u32 fd, u32 block_size, struct loop_info64 (232 bytes, lo_flags
                # at 52), u64 reserved[8]
                info = bytearray(232)
                struct.pack_into("I", info, 52, LO_FLAGS_AUTOCLEAR)
                try:
                    fcntl.ioctl(loop, LOOP_CONFIGURE, struct.pack("II", backing, 0) + bytes(info) + bytes(64))
                    break
                except OSError as e:
                    os.close(loop)
                    if e.errno != EBUSY:  # another process took that device meanwhile: ask again
                        raise
            else:
                raise OSError(EBUSY, "no free loop device")
        finally:
            os.close(ctl)
        try:
            flags = MS_NOSUID | MS_NODEV | MS_NOATIME
            if _libc.mount(dev.encode(), target.encode(), b"ext4", flags, None) != 0:
                e = ctypes.get_errno()
                raise OSError(e, "mount %s: %s" % (dev, os.strerror(e)))
        finally:
            os.close(loop)  # autoclear: the device is freed when the file system is unmounted (or now)
    finally:
        os.close(backing)


def mount(rid, image, target):
    try:
        mount_image(image, target)
        reply({"id": rid, "code": 0})
    except Exception as e:
        reply({"id": rid, "code": None, "stderr": "%s: %s" % (type(e).__name__, e)})


def main():
    reply({"id": 0, "ready": True})
    for line in sys.stdin:
        try:
            req = json.loads(line)
            rid = req["id"]
            if "mountImage" in req:
                image, target = req["mountImage"]
                if not isinstance(image, str) or not isinstance(target, str):
                    raise ValueError("mountImage is [image, target]")
                job = (mount, (rid, image, target))
            else:
                argv = req["argv"]
                if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
                    raise ValueError("argv must be a non-empty list of strings")
                job = (run, (rid, argv))
        except (ValueError, KeyError, TypeError) as e:
            reply({"id": None, "code": None, "stderr": "bad request: %s" % e})
            continue
        threading.Thread(target=job[0], args=job[1], daemon=True).start()


if __name__ == "__main__":
    main()
