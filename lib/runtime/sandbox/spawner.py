"""agb-spawner: runs the runtime's short host commands (mkfs.ext4, mount, umount) for it.

Node's child_process forks the whole runtime (~125 MB mapped) for every command and blocks its event
loop until the child has exec'd; in a fleet of creates that was most of the loop's time, and each
fork's page-table copy and teardown cost CPU. This process is small and CPython starts its children
with vfork, so a command costs little more than its own run.

Requests are JSON lines {"id": n, "argv": [...]} on stdin, each run on a thread of its own; replies
{"id": n, "code": exit status (negative: signal), "stderr": its tail} on stdout. It gets only PATH
from the runtime, holds no secret, and exits when its stdin closes (the runtime is gone).
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


def main():
    reply({"id": 0, "ready": True})
    for line in sys.stdin:
        try:
            req = json.loads(line)
            rid, argv = req["id"], req["argv"]
            if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
                raise ValueError("argv must be a non-empty list of strings")
        except (ValueError, KeyError, TypeError) as e:
            reply({"id": None, "code": None, "stderr": "bad request: %s" % e})
            continue
        threading.Thread(target=run, args=(rid, argv), daemon=True).start()


if __name__ == "__main__":
    main()
