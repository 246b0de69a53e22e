"""The session's disk use against its quota, counted over its home and /tmp: shared by the file tools
(which refuse a write over quota) and get_metrics. A module of its own, with no import but os and
stat, because every agent answers get_metrics (the runtime samples live sessions), while the file
tools' imports (shutil pulls in bz2, lzma and zlib; difflib, base64, datetime...) cost each agent
about 1 MiB of private memory that most sessions never use.
"""
import os
import stat

DEFAULT_QUOTA = 512 * 1024 * 1024


def session_dirs():
    home = os.environ.get("HOME") or "/home/user"
    if os.environ.get("AGB_SANDBOXED") == "1":
        return [home, "/tmp"]
    # Unsandboxed runtime: the slot's tmp sits next to its home (never walk the host's /tmp).
    sibling = os.path.join(os.path.dirname(home.rstrip("/")), "tmp")
    return [home] + ([sibling] if os.path.isdir(sibling) else [])


def disk_used():
    """Bytes allocated under the session's folders (like du: blocks, hard links counted once)."""
    seen = set()
    total = 0
    stack = [d for d in session_dirs() if os.path.isdir(d)]
    while stack:
        d = stack.pop()
        try:
            it = os.scandir(d)
        except OSError:
            continue
        with it:
            for e in it:
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                if (st.st_dev, st.st_ino) in seen:
                    continue
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
                if stat.S_ISDIR(st.st_mode):
                    stack.append(e.path)
    return total


def image_used():
    """Bytes used on the session's own disk image, which home and /tmp share: what its file system
    counts as used (ext4 leaves its own metadata out; the rest is the session's files and folders,
    within a few KiB of the walk above), for one statvfs instead of a walk of every file."""
    st = os.statvfs(session_dirs()[0])
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def quota_of(args):
    q = args.get("quotaBytes")
    return q if isinstance(q, int) and not isinstance(q, bool) and q > 0 else DEFAULT_QUOTA
