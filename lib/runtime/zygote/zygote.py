#!/usr/bin/python3 -I
"""agb-zygote: pays the Python kernel's imports once per runtime and forks one kernel per request.

Started by the runtime as root, outside any sandbox, with an empty environment and no descriptors but
its control channel (JSON lines: requests on stdin, replies on stdout, log on stderr). It holds no
secret: a request names only a process of the target sandbox (its agent, by host pid) and two paths
inside that sandbox; the kernel's key lives in the connection file the agent wrote there.

For each request it forks a child that joins the target sandbox before any code of the session runs:

  1. reads everything from the target process: uid/gid (must not be root), cgroups, rlimits, nice,
     namespaces (opened as /proc/<pid>/ns/* descriptors first, so a recycled pid cannot switch them);
  2. joins the target's cgroups (memory, pids, cpu...) and copies its rlimits and nice value;
  3. drops supplementary groups, then setns() into its ipc, uts, net, cgroup, pid, mount and (last)
     user namespaces, chdir /home/user;
  4. setresgid/setresuid to the session's uid (every capability is gone after that), no_new_privs;
  5. closes every descriptor but the report pipe and forks a launcher, which is inside the pid
     namespace; the launcher forks the kernel, reports its pid and exits at once, so the orphaned
     kernel is re-parented to the namespace's init, the agent, which reaps it and reads its exit
     status like any child's (no process of ours stays behind to wait for it); the child reports
     the launcher's answer and exits;
  6. the kernel clears its environment, points fds 0-2 at /dev/null and its log, writes its pid (as
     the sandbox sees it) next to the connection file, reseeds its random generators and runs
     ipykernel's app with the connection file (its command line was parsed once, in the zygote, and
     its IPython shell built there: see _build_shell).

Children share the imported modules' pages copy-on-write with the zygote and each other.
"""
import ctypes
import json
import os
import resource
import select
import signal
import sys

# Set before numpy loads OpenBLAS: no BLAS threads (setns into a user namespace needs one thread).
PRELOAD_ENV = {
    "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}
os.environ.update(PRELOAD_ENV)

CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x02000000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
# The others while still root of the host (entering a mount namespace needs CAP_SYS_CHROOT and
# CAP_SYS_ADMIN in the caller's own user namespace), the user namespace last (as nsenter does).
NAMESPACES = [("ipc", CLONE_NEWIPC), ("uts", CLONE_NEWUTS), ("net", CLONE_NEWNET), ("cgroup", CLONE_NEWCGROUP),
              ("pid", CLONE_NEWPID), ("mnt", CLONE_NEWNS), ("user", CLONE_NEWUSER)]
PR_SET_NO_NEW_PRIVS, PR_SET_DUMPABLE, PR_SET_PDEATHSIG, PR_CAPBSET_DROP = 38, 4, 1, 24
PR_SET_CHILD_SUBREAPER = 36
PR_CAPBSET_READ = 23
CAP_VERSION_3 = 0x20080522
# /proc/<pid>/limits rows (prlimit(2) on another uid's process needs CAP_SYS_RESOURCE, which a
# container's root may lack).
LIMIT_ROWS = {
    "Max cpu time": "CPU", "Max file size": "FSIZE", "Max data size": "DATA", "Max stack size": "STACK",
    "Max core file size": "CORE", "Max resident set": "RSS", "Max processes": "NPROC", "Max open files": "NOFILE",
    "Max locked memory": "MEMLOCK", "Max address space": "AS", "Max file locks": "LOCKS",
    "Max pending signals": "SIGPENDING", "Max msgqueue size": "MSGQUEUE", "Max nice priority": "NICE",
    "Max realtime priority": "RTPRIO", "Max realtime timeout": "RTTIME",
}
KERNEL_HOME = "/home/user"
# ipykernel's command line but the connection file (-f), which kernel_main adds.
KERNEL_ARGV = ["--HistoryManager.enabled=False"]
_MPL_RC = None  # the bytes of the rc file matplotlib read in preload()
_SHELL_CONFIG = None  # the config the zygote's IPython shell was built with (_build_shell)

_libc = ctypes.CDLL(None, use_errno=True)


def _check(rc, what):
    if rc != 0:
        e = ctypes.get_errno()
        raise OSError(e, "%s: %s" % (what, os.strerror(e)))


def log(msg):
    sys.stderr.write("[zygote] %s\n" % msg)
    sys.stderr.flush()


SCRATCH_PREFIX = "agb-zygote-"


def _scratch_dir():
    """A scratch folder named for this zygote's pid, so a later zygote can tell it was left behind."""
    import tempfile
    return tempfile.mkdtemp(prefix="%s%d-" % (SCRATCH_PREFIX, os.getpid()))


def _sweep_scratch():
    """Removes the scratch folders of zygotes killed mid-start (their finally never ran): those whose
    pid no longer runs, and unnamed ones from older versions after an hour."""
    import re
    import shutil
    import tempfile
    import time
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        if not name.startswith(SCRATCH_PREFIX):
            continue
        path = os.path.join(root, name)
        m = re.match(r"(\d+)-", name[len(SCRATCH_PREFIX):])
        try:
            gone = not os.path.exists("/proc/%s" % m.group(1)) if m else time.time() - os.lstat(path).st_mtime > 3600
        except OSError:
            continue
        if gone and os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)


def preload():
    """The imports a Python kernel and a data user's first cell pay; nothing that starts a thread."""
    global _MPL_RC
    _sweep_scratch()
    import ipykernel.kernelapp  # noqa: F401
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.zmqshell  # noqa: F401
    import ipykernel.comm  # noqa: F401
    import IPython.core.interactiveshell  # noqa: F401
    import IPython.core.completer  # noqa: F401
    import jupyter_client.session  # noqa: F401
    import zmq  # noqa: F401
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import shutil
    # matplotlib reads its config dir at import: give it a scratch one, gone right after (each
    # kernel looks up its own in its session's home).
    scratch = _scratch_dir()
    os.environ["MPLCONFIGDIR"] = scratch
    try:
        # Not matplotlib_inline.backend_inline: importing it is what hooks figures into the
        # IPython shell, which exists only in the kernel.
        import matplotlib
        with open(matplotlib.matplotlib_fname(), "rb") as f:
            _MPL_RC = f.read()
    except (ImportError, OSError):
        pass
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        del os.environ["MPLCONFIGDIR"]
    # The kernel's command line, parsed once here: traitlets builds a parser from every configurable
    # class (~7 ms of CPU per kernel). Nothing in it depends on the session; the connection file,
    # the one argument that does, is set in the kernel (kernel_main).
    from ipykernel.kernelapp import IPKernelApp
    app = IPKernelApp.instance()
    app.parse_command_line(KERNEL_ARGV)
    try:
        _build_shell(app)
    except Exception as e:  # kernels build their own
        log("the IPython shell could not be built ahead: %s: %s" % (type(e).__name__, e))
    # Keep the collector's hands off everything imported so far: a collection writes into every
    # object it visits, which would copy the shared pages into each kernel.
    import gc
    gc.collect()
    gc.freeze()


# --- reading the target ------------------------------------------------------------------------
def _status_ids(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return [int(x) for x in line.split()[1:]]
    raise OSError("no %s in /proc/%d/status" % (field, pid))


def _cgroup_procs_files(pid):
    """cgroup.procs of every v1 hierarchy the target is in (named hierarchies and v2 skipped)."""
    out = []
    with open("/proc/%d/cgroup" % pid) as f:
        for line in f:
            _, ctrls, path = line.rstrip("\n").split(":", 2)
            if not ctrls or ctrls.startswith("name="):
                continue
            procs = os.path.join("/sys/fs/cgroup", ctrls, path.lstrip("/"), "cgroup.procs")
            if os.path.exists(procs):
                out.append(procs)
    return out


def _rlimits(pid):
    out = []
    with open("/proc/%d/limits" % pid) as f:
        for line in f.readlines()[1:]:
            name = line[:26].strip()
            res = getattr(resource, "RLIMIT_" + LIMIT_ROWS.get(name, "?"), None)
            if res is None:
                continue
            soft, hard = (resource.RLIM_INFINITY if v == "unlimited" else int(v) for v in line[26:].split()[:2])
            out.append((res, (soft, hard)))
    return out


def _lower(cur, want):
    inf = resource.RLIM_INFINITY
    if cur == inf:
        return want
    return cur if want == inf else min(cur, want)


def read_target(pid):
    uid = _status_ids(pid, "Uid")[0]
    gid = _status_ids(pid, "Gid")[0]
    if uid == 0 or gid == 0:
        raise PermissionError("target process %d runs as root: refusing to start a kernel there" % pid)
    nsfds = [(os.open("/proc/%d/ns/%s" % (pid, name), os.O_RDONLY | os.O_CLOEXEC), flag, name) for name, flag in NAMESPACES]
    # The descriptors pin the namespaces; a pid recycled after this point cannot change them. Check it
    # is still the same process (same uid) now that they are open.
    if _status_ids(pid, "Uid")[0] != uid:
        raise OSError("target process %d changed while being read" % pid)
    return {
        "uid": uid, "gid": gid, "nsfds": nsfds, "cgroups": _cgroup_procs_files(pid),
        "rlimits": _rlimits(pid),
        "nice": os.getpriority(os.PRIO_PROCESS, pid),
    }


# --- the child ---------------------------------------------------------------------------------
def join_sandbox(t):
    """Steps 2-4. Runs in the forked child, single-threaded, still root on the host."""
    step = "cgroups"
    try:
        for procs in t["cgroups"]:
            with open(procs, "w") as f:
                f.write(str(os.getpid()))
        step = "rlimits"
        for r, (soft, hard) in t["rlimits"]:
            # The target's limits, never above ours (raising a hard limit needs CAP_SYS_RESOURCE).
            _cs, ch = resource.getrlimit(r)
            hard = _lower(ch, hard)
            resource.setrlimit(r, (_lower(hard, soft), hard))
        os.setpriority(os.PRIO_PROCESS, 0, t["nice"])
        step = "setgroups"
        os.setgroups([])
        for fd, flag, name in t["nsfds"]:
            step = "setns " + name
            _check(_libc.setns(fd, flag), "setns %s" % name)
            os.close(fd)
        os.chdir(KERNEL_HOME if os.path.isdir(KERNEL_HOME) else "/")
        step = "setresgid"
        os.setresgid(t["gid"], t["gid"], t["gid"])
        step = "setresuid"
        os.setresuid(t["uid"], t["uid"], t["uid"])
    except OSError as e:
        raise OSError(e.errno, "%s: %s" % (step, e.strerror))
    if os.getuid() != t["uid"] or os.geteuid() != t["uid"] or os.getgroups():
        raise PermissionError("could not drop to the session uid")
    drop_capabilities()
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    # Dropping root made us non-dumpable; the session owns this process like any kernel it starts.
    _check(_libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "dumpable")


def drop_capabilities():
    """Entering a user namespace grants every capability in it, and setresuid from an unmapped uid
    keeps them: drop the bounding set, then clear permitted/effective/inheritable (ambient follows)."""
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != 22:  # EINVAL: no such cap
            _check(-1, "drop capability %d" % cap)
    header = (ctypes.c_uint32 * 2)(CAP_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(_libc.capset(ctypes.byref(header), ctypes.byref(data)), "capset")
    # (This process is outside the sandbox's pid namespace, so its /proc has no /proc/self: ask the kernel.)
    _check(_libc.capget(ctypes.byref(header), ctypes.byref(data)), "capget")
    if any(data) or any(_libc.prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1 for cap in range(64)):
        raise PermissionError("capabilities left after dropping them")


def kernel_main(req):
    """Step 6, in the grandchild (inside the sandbox's pid namespace). Never returns."""
    os.setsid()
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    env = {k: v for k, v in req["env"].items() if isinstance(k, str) and isinstance(v, str)}
    env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    env.pop("MPLBACKEND", None)
    # Our parent is the launcher, then the agent (pid 1) once the launcher is gone: ipykernel's parent
    # poller would read getppid() == 1 as "parent gone". The namespace's end ends us anyway.
    env.pop("JPY_PARENT_PID", None)
    os.environ.clear()
    os.environ.update(env)
    devnull = os.open("/dev/null", os.O_RDONLY)
    logfd = os.open(os.path.join(req["dir"], "kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(devnull, 0)
    os.dup2(logfd, 1)
    os.dup2(logfd, 2)
    os.closerange(3, 65536)
    tmp = os.path.join(req["dir"], "pid.tmp")
    with open(tmp, "w") as f:
        f.write(str(os.getpid()))
    os.rename(tmp, os.path.join(req["dir"], "pid"))
    _fresh_process_state()
    sys.argv = ["ipykernel_launcher", "-f", req["conn"]] + KERNEL_ARGV
    from ipykernel.kernelapp import IPKernelApp
    from traitlets.config import Config
    # The zygote's instance with KERNEL_ARGV parsed (preload); the connection file goes in as `-f`
    # would put it (command-line config, which outranks the session's config files).
    app = IPKernelApp.instance()
    app.update_config(Config({"IPKernelApp": {"connection_file": req["conn"]}}))
    app.parse_command_line = lambda argv=None: None
    _offer_shell(req["conn"])
    app.initialize()
    app.start()
    os._exit(0)


def _build_shell(app):
    """Builds the kernel's IPython shell (magics, prefilter, inspector, completer, formatters...) once,
    here: ~20 ms of CPU and ~2.4 MiB of private memory less per kernel. Built with the kernel's command-
    line config and scratch ipython/profile dirs; a kernel adopts it (_offer_shell) only when its own
    config, read from its session's files, is the same, after setting again what the shell would have
    computed from the session (home, cwd, ipython and profile dirs, environment, sys state)."""
    global _SHELL_CONFIG
    import copy
    import shutil
    from IPython.core.profiledir import ProfileDir
    from ipykernel.compiler import XCachingCompiler
    from ipykernel.zmqshell import ZMQInteractiveShell
    main, env = sys.modules.get("__main__"), dict(os.environ)
    scratch = _scratch_dir()
    try:
        shell = ZMQInteractiveShell.instance(
            parent=app, ipython_dir=scratch, profile_dir=ProfileDir.create_profile_dir(os.path.join(scratch, "profile")),
            kernel=None, compiler_class=XCachingCompiler)
        # The first cell's tokenizer regexes, compiled once (a pure cache).
        shell.transform_cell("pass\n")
        _SHELL_CONFIG = _plain_config(copy.deepcopy(app.config))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        # What the shell set in the process (the shell's init sets them again in each kernel).
        sys.modules["__main__"] = main
        os.environ.clear()
        os.environ.update(env)


def _plain_config(cfg):
    """A Config as plain dicts without empty sections (reading a missing section creates one)."""
    out = {}
    for k, v in cfg.items():
        if isinstance(v, dict):
            v = _plain_config(v)
            if not v:
                continue
        out[k] = v
    return out


def _offer_shell(conn):
    """In the kernel: the next ZMQInteractiveShell.instance() call (IPythonKernel's) returns the
    zygote's shell, adopted, when the kernel's config is the one it was built with; else the zygote's
    shell is dropped and a fresh one is built."""
    from ipykernel.compiler import XCachingCompiler
    from ipykernel.zmqshell import ZMQInteractiveShell
    shell = ZMQInteractiveShell._instance
    if shell is None:
        return
    base = ZMQInteractiveShell.instance.__func__

    def instance(cls, *args, **kwargs):
        del ZMQInteractiveShell.instance
        parent = kwargs.get("parent")
        expected = dict(_SHELL_CONFIG or {})
        expected["IPKernelApp"] = dict(expected.get("IPKernelApp", {}), connection_file=conn)
        if (cls is ZMQInteractiveShell and not args and parent is not None
                and set(kwargs) == {"parent", "profile_dir", "user_module", "user_ns", "kernel", "compiler_class"}
                and kwargs["user_module"] is None and kwargs["user_ns"] is None
                and kwargs["compiler_class"] is XCachingCompiler and kwargs["profile_dir"] is not None
                and _plain_config(parent.config) == expected):
            _adopt_shell(shell, parent, kwargs["profile_dir"], kwargs["kernel"])
            return shell
        ZMQInteractiveShell.clear_instance()
        return base(cls, *args, **kwargs)

    ZMQInteractiveShell.instance = classmethod(instance)


def _adopt_shell(shell, parent, profile_dir, kernel):
    """Sets again, in InteractiveShell.__init__'s order, what it computed from the zygote's process:
    parent and kernel, ipython and profile dirs (and what lives there: the pickle db, the history
    file's name), cwd, home, the environment variables it sets, sys.modules["__main__"] and the saved
    sys state (stdout is the kernel's stream now), the stdin encoding, the excepthook."""
    from pathlib import Path
    from IPython.core.interactiveshell import PickleShareDB
    shell.parent = parent
    shell.kernel = kernel
    # A fresh shell sets its ipython dir before its extension manager exists (which would then make
    # an extensions folder in it).
    ext = shell.extension_manager._on_ipython_dir_changed
    shell.unobserve(ext, names="ipython_dir")
    shell.init_ipython_dir(None)
    shell.observe(ext, names="ipython_dir")
    shell.init_profile_dir(profile_dir)
    shell.starting_dir = os.getcwd()
    shell.init_environment()
    shell.init_virtualenv()
    shell.save_sys_module_state()
    shell.init_sys_modules()
    shell.db = PickleShareDB(os.path.join(profile_dir.location, "db"))
    history = shell.history_manager
    history.hist_file = history._get_hist_file_name()
    try:
        history.dir_hist[:] = [Path.cwd()]
    except OSError:
        history.dir_hist[:] = []
    shell.init_encoding()
    shell.init_pushd_popd_magic()
    shell.init_logger()
    shell.sys_excepthook = sys.excepthook


def _fresh_process_state():
    """What a fresh interpreter would have computed from this session's environment, not the zygote's."""
    import random
    import site
    import tempfile
    random.seed()
    try:
        import numpy.random
        numpy.random.seed()
    except ImportError:
        pass
    tempfile.tempdir = None
    # The user's site-packages (pip install --user) as a fresh python3 would put it on sys.path.
    site.USER_BASE = None
    site.USER_SITE = None
    user_site = site.getusersitepackages()
    if os.path.isdir(user_site) and user_site not in sys.path:
        sys.path.insert(next((i for i, p in enumerate(sys.path) if "dist-packages" in p or "site-packages" in p), len(sys.path)), user_site)
    # Completion (jedi, parso) keeps the cache dirs it computed from $HOME at import: the zygote's.
    try:
        import jedi.settings
        import parso.cache
        jedi.settings.cache_directory = os.path.expanduser(os.path.join(os.getenv("XDG_CACHE_HOME") or "~/.cache", "jedi"))
        parso.cache._default_cache_path = parso.cache._get_default_cache_path()
    except (ImportError, AttributeError):
        pass
    try:
        import matplotlib
        # matplotlib caches its config and cache dirs on first use; the zygote's are not the session's.
        for name in ("get_configdir", "get_cachedir"):
            fn = getattr(matplotlib, name)
            if hasattr(fn, "__wrapped__"):
                setattr(matplotlib, name, matplotlib._logged_cached(name.upper()[4:] + "=%s", fn.__wrapped__))
        # Read again only when this session's rc file is not the one preload() read (a matplotlibrc
        # in the home or config folder, $MATPLOTLIBRC...): parsing it costs each kernel ~3 ms of CPU
        # and 1 MiB of private memory.
        try:
            with open(matplotlib.matplotlib_fname(), "rb") as f:
                same = f.read() == _MPL_RC
        except OSError:
            same = False
        if not same:
            matplotlib.rcParams.update(matplotlib.rc_params())
        # What a fresh kernel gets: ipykernel sets MPLBACKEND before matplotlib is first imported.
        matplotlib.rcParams["backend"] = "module://matplotlib_inline.backend_inline"
    except Exception:
        pass


def _close_fds_except(keep):
    """Closes every descriptor (the control channel included) but `keep`."""
    lo = 0
    for fd in sorted(keep) + [65536]:
        if fd > lo:
            os.closerange(lo, fd)
        lo = fd + 1


def _launch(req, w, lr, lw):
    """The launcher, the first process of ours inside the sandbox's pid namespace: forks the kernel,
    reports the kernel's pid (as the sandbox sees it) and exits, leaving the kernel to the namespace's
    init (the agent), which reaps it. Never returns."""
    try:
        os.close(w)
        os.close(lr)
        kernel = os.fork()
        if kernel == 0:
            os.close(lw)
            kernel_main(req)
        os.write(lw, json.dumps({"ok": True, "pid": kernel}).encode())
    except BaseException as e:
        try:
            os.write(lw, json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)}).encode())
        except BaseException:
            pass
    finally:
        os._exit(0)


def spawn(req):
    """Forks the child for one request; returns the pipe its report comes on (raises on failure).
    The report comes once the child has joined the sandbox, which may take long when the sandbox's
    cpu group is idle-only and the machine busy: the main loop reads it without waiting for it."""
    target = read_target(int(req["pid"]))
    r, w = os.pipe()
    try:
        child = os.fork()
    except OSError:
        for fd in [r, w] + [fd for fd, _, _ in target["nsfds"]]:
            os.close(fd)
        raise
    if child == 0:
        try:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.close(r)
            _close_fds_except({w} | {fd for fd, _, _ in target["nsfds"]})
            join_sandbox(target)
            lr, lw = os.pipe()
            launcher = os.fork()
            if launcher == 0:
                _launch(req, w, lr, lw)
            os.close(lw)
            report = b""
            while True:
                b = os.read(lr, 4096)
                if not b:
                    break
                report += b
            os.waitpid(launcher, 0)
            os.write(w, report or json.dumps({"ok": False, "error": "the kernel's launcher died"}).encode())
            os.close(w)
        except BaseException as e:  # report, never fall back into the zygote's loop
            try:
                os.write(w, json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)}).encode())
            finally:
                os._exit(1)
        os._exit(0)
    os.close(w)
    for fd, _, _ in target["nsfds"]:
        os.close(fd)
    return r


def reply_for(rid, report):
    """The reply to request `rid` from its child's report (the bytes read until the pipe closed)."""
    try:
        rep = json.loads(report or b"{}")
    except ValueError:
        rep = {}
    if rep.get("ok"):
        return {"id": rid, "ok": True, "result": {"pid": rep["pid"]}}
    message = "OSError: %s" % (rep.get("error") or "the kernel's launcher died")
    return {"id": rid, "ok": False, "error": {"message": message, "kind": "internal"}}


def _reap(_sig, _frame):
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main():
    # Die with the runtime: the zygote must never outlive it.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # A launcher orphaned by its parent's death is re-parented within that parent's pid namespace
    # (the host's): as subreaper the zygote gets it back and reaps it.
    _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    signal.signal(signal.SIGCHLD, _reap)
    preload()
    threads = len(os.listdir("/proc/self/task"))
    out = sys.stdout

    def send(reply):
        out.write(json.dumps(reply) + "\n")
        out.flush()

    send({"id": 0, "ok": True, "result": {"ready": True, "pid": os.getpid(), "threads": threads}})
    # One thread, no waiting on any child: requests and the children's reports are read as they come.
    stdin = sys.stdin.fileno()
    pending = {}  # report pipe -> [request id, bytes so far]
    inbuf = b""
    while True:
        ready, _, _ = select.select([stdin] + list(pending), [], [])
        for fd in ready:
            if fd != stdin:
                b = os.read(fd, 4096)
                if b:
                    pending[fd][1] += b
                    continue
                os.close(fd)
                rid, report = pending.pop(fd)
                send(reply_for(rid, bytes(report)))
                continue
            data = os.read(stdin, 65536)
            if not data:
                return
            inbuf += data
            while b"\n" in inbuf:
                line, inbuf = inbuf.split(b"\n", 1)
                if not line.strip():
                    continue
                rid = None
                try:
                    req = json.loads(line)
                    rid = req.get("id")
                    pending[spawn(req)] = [rid, bytearray()]
                except Exception as e:
                    send({"id": rid, "ok": False, "error": {"message": "%s: %s" % (type(e).__name__, e), "kind": "internal"}})


if __name__ == "__main__":
    main()
