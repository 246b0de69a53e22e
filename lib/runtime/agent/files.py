"""File tools (docs/protocol.md, "File tools"), run by the agent inside the sandbox with the session's uid.

Byte-exact: read_file takes byte offset/length and answers text (UTF-8) or base64; sizes are exact.
Writes honour the session's disk quota (args.quotaBytes, sent by the runtime), counted over the
session's home and /tmp.
"""
import base64
import difflib
import errno
import fnmatch
import grp
import json
import os
import pwd
import shutil
import stat
import threading

from common import ToolError
from quota import disk_used, quota_of, session_dirs

MAX_READ_BYTES = 16 * 1024 * 1024
MAX_SEARCH_RESULTS = 10000


# --- paths and errors ------------------------------------------------------------------------
def _path(args, key="path"):
    p = args.get(key)
    if not isinstance(p, str) or not p:
        raise ToolError("%s is required (an absolute path)" % key)
    if "\0" in p:
        raise ToolError("%s cannot contain NUL" % key)
    if not p.startswith("/"):
        raise ToolError("%s must be an absolute path, got %r" % (key, p))
    return os.path.normpath(p) if p != "/" else p


def _oserror(e, path):
    reasons = {
        2: "no such file or directory", 13: "permission denied", 17: "already exists", 20: "not a directory",
        21: "is a directory", 28: "no space left on device", 30: "read-only file system", 27: "file too large",
        39: "directory not empty", 18: "cannot move across file systems", 1: "operation not permitted",
        6: "not a file that can be opened (a socket, or a device with nothing behind it)",
    }
    return ToolError("%s: %s" % (path, reasons.get(e.errno, e.strerror or str(e))))


# --- disk quota ------------------------------------------------------------------------------
def _inside_session(path):
    real = os.path.realpath(path)
    return any(real == d or real.startswith(d.rstrip("/") + "/") for d in map(os.path.realpath, session_dirs()))


def _check_quota(args, path, adding, replacing=0):
    if not _inside_session(os.path.dirname(path) or "/"):
        return  # outside home and /tmp the sandbox's mounts decide (read-only or absent)
    quota = quota_of(args)
    used = disk_used()
    after = used - replacing + adding
    if adding > 0 and after > quota:
        raise ToolError("disk quota exceeded: writing %d bytes to %s would use %d of the session's %d bytes "
                        "(%.1f of %.1f MiB); delete files first" % (adding, path, after, quota, after / 1048576.0,
                                                                     quota / 1048576.0))


# --- ops -------------------------------------------------------------------------------------
def create_directory(args, emit):
    path = _path(args)
    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        raise ToolError("%s exists and is not a directory" % path)
    except OSError as e:
        raise _oserror(e, path)
    return {"text": "Successfully created directory %s" % path}


def delete_file(args, emit):
    path = _path(args)
    try:
        st = os.lstat(path)
    except OSError as e:
        raise _oserror(e, path)
    try:
        if stat.S_ISDIR(st.st_mode):
            if args.get("recursive") is True:
                shutil.rmtree(path)
            else:
                os.rmdir(path)
        else:
            os.unlink(path)
    except OSError as e:
        if e.errno == 39:
            raise ToolError("%s is a non-empty directory (pass recursive:true to delete it with its contents)" % path)
        raise _oserror(e, path)
    return {"text": "Successfully deleted %s" % path}


def move_file(args, emit):
    src = _path(args, "source")
    dst = _path(args, "destination")
    if not os.path.lexists(src):
        raise ToolError("%s: no such file or directory" % src)
    try:
        if os.path.isdir(dst) and not os.path.isdir(src):
            raise ToolError("%s is a directory; give the full destination file path" % dst)
        try:
            os.replace(src, dst)  # overwrites an existing destination file
        except OSError as e:
            if e.errno != 18:
                raise
            shutil.move(src, dst)
    except OSError as e:
        raise _oserror(e, "%s -> %s" % (src, dst))
    return {"text": "Successfully moved %s to %s" % (src, dst)}


# What an entry is when it has no content to read; the file browser's listing names these too.
_SPECIAL = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
            (stat.S_ISSOCK, "socket"))


def _special(mode):
    return next((name for test, name in _SPECIAL if test(mode)), None)


def _kind(mode):
    if stat.S_ISDIR(mode):
        return "a directory"
    special = _special(mode)
    return "a " + special if special else "not a regular file"


def _regular_or_close(fd, path, what):
    """The stat of `fd` when it is a regular file; else closes it and refuses, naming what it is."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ToolError("%s is %s, not %s" % (path, _kind(st.st_mode), what))
    return st


def _open_regular(path):
    """Opens a regular file to read; returns it and its stat. Without O_NONBLOCK opening a named pipe
    waits for a writer, for ever; a device (/dev/zero) never ends: both are refused, naming them."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        raise _oserror(e, path)
    st = _regular_or_close(fd, path, "a file with content to read")
    return os.fdopen(fd, "rb"), st


def _read_bytes(path):
    f, _ = _open_regular(path)
    with f:
        try:
            return f.read()
        except OSError as e:
            raise _oserror(e, path)


def edit_file(args, emit):
    path = _path(args)
    edits = args.get("edits")
    if not isinstance(edits, list) or not edits:
        raise ToolError("edits is required: a non-empty list of {oldText, newText}")
    raw = _read_bytes(path)
    try:
        original = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ToolError("%s is not UTF-8 text; edit_file only edits text files" % path)
    text = original
    for i, e in enumerate(edits):
        if not isinstance(e, dict) or not isinstance(e.get("oldText"), str) or not isinstance(e.get("newText"), str):
            raise ToolError("edits[%d] must be {oldText: string, newText: string}" % i)
        old = e["oldText"]
        if old == "":
            raise ToolError("edits[%d].oldText is empty" % i)
        at = text.find(old)
        if at < 0:
            raise ToolError("edits[%d].oldText was not found in %s; the file was not changed" % (i, path))
        text = text[:at] + e["newText"] + text[at + len(old):]
    diff = "".join(difflib.unified_diff(original.splitlines(True), text.splitlines(True), path, path))
    if args.get("dryRun") is True:
        return {"text": diff}
    data = text.encode("utf-8")
    _check_quota(args, path, len(data), len(raw))
    _write_atomic_in_place(path, data)
    return {"text": diff}


def _write_atomic_in_place(path, data):
    try:
        with open(path, "r+b") as f:
            f.write(data)
            f.truncate()
    except OSError as e:
        raise _oserror(e, path)


def _owner(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid):
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def get_file_info(args, emit):
    path = _path(args)
    try:
        st = os.stat(path)
    except OSError as e:
        raise _oserror(e, path)
    is_dir = stat.S_ISDIR(st.st_mode)
    lines = [
        "name: %s" % (os.path.basename(path) or "/"),
        "path: %s" % path,
        "size: %d" % st.st_size,
        "isDirectory: %s" % ("true" if is_dir else "false"),
        "isFile: %s" % ("true" if stat.S_ISREG(st.st_mode) else "false"),
        "isSymlink: %s" % ("true" if os.path.islink(path) else "false"),
        # epoch seconds: the TS SDK keeps only the text up to a second ':' of a value
        "modTime: %d" % int(st.st_mtime),
        "accessTime: %d" % int(st.st_atime),
        "mode: %s" % stat.filemode(st.st_mode),
        "permissions: %s" % oct(st.st_mode & 0o7777)[2:].zfill(4),
        "owner: %s" % _owner(st.st_uid),
        "group: %s" % _group(st.st_gid),
    ]
    return {"text": "\n".join(lines)}


def _scandir_sorted(path):
    try:
        with os.scandir(path) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as e:
        raise _oserror(e, path)


def list_directory(args, emit):
    path = _path(args)
    if not os.path.isdir(path):
        raise ToolError("%s: %s" % (path, "not a directory" if os.path.exists(path) else "no such file or directory"))
    lines = []
    for e in _scandir_sorted(path):
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        lines.append("[%s] %s" % ("DIR" if is_dir else "FILE", e.name))
    return {"text": "\n".join(lines)}


def list_entries(args, emit):
    """The dashboard's file browser: JSON [{name, path, isDirectory, size, modTime, isSymlink, special?}]
    (directories first); `special` names a pipe, socket or device."""
    path = _path(args)
    if not os.path.isdir(path):
        raise ToolError("%s: %s" % (path, "not a directory" if os.path.exists(path) else "no such file or directory"))
    out = []
    for e in _scandir_sorted(path):
        special = None
        try:
            st = e.stat()
            is_dir = stat.S_ISDIR(st.st_mode)
            size, mtime = (0 if is_dir else st.st_size), int(st.st_mtime)
            special = _special(st.st_mode)
        except OSError:  # dangling symlink
            is_dir, size, mtime = False, 0, 0
        entry = {"name": e.name, "path": e.path, "isDirectory": is_dir, "size": size, "modTime": mtime,
                 "isSymlink": e.is_symlink()}
        if special:
            entry["special"] = special
        out.append(entry)
    out.sort(key=lambda x: (not x["isDirectory"], x["name"]))
    return {"text": json.dumps(out, ensure_ascii=False)}


def _int_arg(args, key, default):
    v = args.get(key)
    if v is None:
        return default
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ToolError("%s must be a whole number of bytes >= 0" % key)
    return v


def read_file(args, emit):
    path = _path(args)
    offset = _int_arg(args, "offset", 0)
    length = _int_arg(args, "length", None)
    binary = args.get("format") in ("binary", "bytes", "base64")
    f, st = _open_regular(path)
    with f:
        try:
            size = st.st_size
            f.seek(offset)
            # procfs and sysfs files report 0 bytes and still have content (/proc/self/status): read
            # those to their end, one byte past the cap to know whether they go on.
            head = f.read(MAX_READ_BYTES + 1) if size == 0 else None
            remaining = len(head) if head is not None else max(0, size - offset)
            want = remaining if not length else min(length, remaining)  # no length (or 0): to the end
            truncated = False
            if want > MAX_READ_BYTES:
                # Exact bytes (binary, or an explicit length) must not be cut silently: refuse those;
                # a plain text read gets the first part and a visible note, like the shell's output.
                if binary or length:
                    raise ToolError("%s: asked for %d bytes; read at most %d bytes per call (use offset and length)" % (
                        path, want, MAX_READ_BYTES))
                want, truncated = MAX_READ_BYTES, True
            data = head[:want] if head is not None else f.read(want)
        except OSError as e:
            raise _oserror(e, path)
    if binary:
        return {"text": base64.b64encode(data).decode("ascii")}
    if truncated:
        total = "%d" % remaining if head is None else "more than %d" % MAX_READ_BYTES
        return {"text": data.decode("utf-8", errors="ignore") + "\n[read_file truncated: %d of %s bytes shown; "
                "pass offset and length to read the rest]\n" % (len(data), total)}
    return {"text": data.decode("utf-8", errors="replace")}


def read_multiple_files(args, emit):
    paths = args.get("paths")
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        raise ToolError("paths is required: a non-empty list of absolute paths")
    parts = []
    for p in paths:
        try:
            text = read_file({"path": p}, emit)["text"]
            parts.append("%s:\n%s\n" % (p, text))
        except ToolError as e:
            parts.append("%s: Error - %s\n" % (p, e))
    return {"text": "---\n".join(parts)}


def search_files(args, emit):
    root = _path(args)
    pattern = args.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise ToolError("pattern is required (a name substring or a glob such as *.txt)")
    excludes = args.get("excludePatterns") or []
    if not isinstance(excludes, list) or not all(isinstance(x, str) for x in excludes):
        raise ToolError("excludePatterns must be a list of glob patterns")
    if not os.path.isdir(root):
        raise ToolError("%s: %s" % (root, "not a directory" if os.path.exists(root) else "no such file or directory"))
    pat = pattern.lower()
    is_glob = any(c in pat for c in "*?[")
    exc = [x.lower() for x in excludes]

    def excluded(name, rel):
        for x in exc:
            if fnmatch.fnmatch(name, x) or fnmatch.fnmatch(rel, x) or fnmatch.fnmatch(rel, "**/" + x) or x == name:
                return True
        return False

    matches = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        keep = []
        for d in sorted(dirnames):
            rel = os.path.normpath(os.path.join(rel_dir, d)).lower()
            if not excluded(d.lower(), rel):
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(keep + filenames):
            low = name.lower()
            rel = os.path.normpath(os.path.join(rel_dir, name)).lower()
            if excluded(low, rel):
                continue
            if (fnmatch.fnmatch(low, pat) or fnmatch.fnmatch(rel, pat)) if is_glob else pat in low:
                matches.append(os.path.join(dirpath, name))
                if len(matches) >= MAX_SEARCH_RESULTS:
                    return {"text": "\n".join(matches)}
    return {"text": "\n".join(matches) if matches else "No matches found"}


def write_file(args, emit):
    path = _path(args)
    content = args.get("content")
    if not isinstance(content, str):
        raise ToolError("content is required (a string)")
    mode = args.get("mode") or "overwrite"
    if mode not in ("overwrite", "append", "create_new"):
        raise ToolError("mode must be one of overwrite, append, create_new; got %r" % mode)
    fmt = args.get("format") or "text"
    if fmt in ("binary", "base64"):
        try:
            data = base64.b64decode(content, validate=True)
        except ValueError:
            raise ToolError("content is not valid base64 (format is binary)")
    elif fmt == "text":
        data = content.encode("utf-8")
    else:
        raise ToolError("format must be text or binary; got %r" % fmt)
    parent = os.path.dirname(path) or "/"
    if not os.path.isdir(parent):
        raise ToolError("%s: the parent directory %s does not exist (create it with create_directory)" % (path, parent))
    if os.path.isdir(path):
        raise ToolError("%s is a directory" % path)
    replacing = 0
    if mode == "overwrite":
        try:
            replacing = os.stat(path).st_blocks * 512
        except OSError:
            pass
    _check_quota(args, path, len(data), replacing)
    flags = {"overwrite": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "append": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
             "create_new": os.O_WRONLY | os.O_CREAT | os.O_EXCL}[mode]
    try:
        # O_NONBLOCK: opening a named pipe to write waits for a reader, for ever (ENXIO instead).
        fd = os.open(path, flags | os.O_NONBLOCK, 0o644)
    except FileExistsError:
        raise ToolError("%s already exists (mode create_new)" % path)
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise ToolError("%s is a named pipe, not a file to write" % path)
        raise _oserror(e, path)
    _regular_or_close(fd, path, "a file to write")
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError as e:
        raise _oserror(e, path)
    finally:
        os.close(fd)
    return {"text": "Successfully wrote %d bytes to %s" % (len(data), path)}


# --- get_file_change: changes since the previous call on the same path -----------------------
_snapshots = {}
_snap_lock = threading.Lock()
MAX_WATCH_ENTRIES = 20000


def _snapshot(root):
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            snap[p] = (stat.S_ISDIR(st.st_mode), st.st_mtime_ns, st.st_size)
            if len(snap) >= MAX_WATCH_ENTRIES:
                return snap
    return snap


def get_file_change(args, emit):
    root = _path(args)
    if not os.path.isdir(root):
        raise ToolError("%s: %s" % (root, "not a directory" if os.path.exists(root) else "no such file or directory"))
    now = _snapshot(root)
    with _snap_lock:
        before = _snapshots.get(root)
        _snapshots[root] = now
    events = []
    if before is not None:
        for p, (is_dir, mtime, size) in now.items():
            old = before.get(p)
            kind = "dir" if is_dir else "file"
            if old is None:
                events.append({"eventType": "create", "path": p, "pathType": kind})
            elif not is_dir and (old[1] != mtime or old[2] != size):
                events.append({"eventType": "modify", "path": p, "pathType": kind})
        for p, (is_dir, _m, _s) in before.items():
            if p not in now:
                events.append({"eventType": "delete", "path": p, "pathType": "dir" if is_dir else "file"})
    return {"text": json.dumps(events, ensure_ascii=False)}


OPS = {
    "create_directory": create_directory, "delete_file": delete_file, "move_file": move_file, "edit_file": edit_file,
    "get_file_info": get_file_info, "list_directory": list_directory, "list_entries": list_entries,
    "read_file": read_file, "read_multiple_files": read_multiple_files, "search_files": search_files,
    "write_file": write_file, "get_file_change": get_file_change,
}
