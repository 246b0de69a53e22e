"""Stateful code kernels, one per language per session, started lazily and kept warm.

Ops: run_code, interrupt, prewarm, kernel_status. Kernels are children of the agent, so killing the
sandbox kills them too. One run at a time per kernel; runs in different languages proceed in parallel.
"""
import atexit
import time
from _thread import allocate_lock

from common import ToolError

from .base import Collector, KernelDied, KernelUnavailable

LANGUAGES = ("python", "javascript", "java", "r")
ALIASES = {"python3": "python", "py": "python", "js": "javascript", "node": "javascript", "nodejs": "javascript"}
DEFAULT_TIMEOUT_S = 60
MAX_TIMEOUT_S = 3600
START_TIMEOUT_S = {"python": 30, "r": 40, "javascript": 20, "java": 60}

_kernels = {}
_died = {}  # language -> why the previous kernel died (reported on the run that restarts it)
_locks = {lang: allocate_lock() for lang in LANGUAGES}
_busy = {}
_restarted_early = set()  # languages whose dead kernel a prewarm replaced: the next run reports it


def _make(language):
    if language in ("python", "r"):
        from .jupyter import JupyterKernel
        return JupyterKernel(language)
    if language == "javascript":
        from .nodejs import NodeKernel
        return NodeKernel()
    from .java import JavaKernel
    return JavaKernel()


def _language(args, required=True):
    raw = args.get("language")
    if raw is None and not required:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise ToolError("language is required: one of %s" % ", ".join(LANGUAGES))
    lang = raw.strip().lower()
    lang = ALIASES.get(lang, lang)
    if lang not in LANGUAGES:
        raise ToolError("unsupported language %r: supported are %s" % (raw, ", ".join(LANGUAGES)))
    return lang


def _ensure(language, forked=None):
    """Returns a live kernel for the language; the caller holds the language lock. With `forked`, a
    Python kernel comes from the runtime's zygote (see forked.py)."""
    k = _kernels.get(language)
    if k is not None and k.alive():
        return k, False
    restarted = k is not None or language in _died
    if k is not None:
        _died.setdefault(language, "the previous %s kernel had exited" % language)
        k.shutdown()
        _kernels.pop(language, None)
    k = _make(language)
    try:
        if forked is not None and language == "python":
            k.start(time.monotonic() + START_TIMEOUT_S[language], forked=forked)
        else:
            k.start(time.monotonic() + START_TIMEOUT_S[language])
    except KernelUnavailable as e:
        k.shutdown()
        raise ToolError(str(e))
    except KernelDied as e:
        k.shutdown()
        raise ToolError("could not start the %s kernel: %s" % (language, e))
    _kernels[language] = k
    return k, restarted


def _zygote_forker(args, language, emit):
    """With `zygote` (prewarm, run_code): a Python kernel this call starts is asked of the runtime,
    which answers the event by forking one from its zygote into this sandbox."""
    if not args.get("zygote") or language != "python":
        return None

    def forked(directory, conn, env):
        emit({"type": "zygote-fork", "dir": directory, "conn": conn, "env": env})
    return forked


def run_code(args, emit):
    code = args.get("code")
    if not isinstance(code, str):
        raise ToolError("code is required (a string)")
    language = _language(args)
    timeout = args.get("timeout_s", DEFAULT_TIMEOUT_S)
    if timeout is None:
        timeout = DEFAULT_TIMEOUT_S
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ToolError("timeout_s must be a positive number of seconds")
    timeout = min(float(timeout), MAX_TIMEOUT_S)
    out = Collector(emit if args.get("stream") else None)
    lock = _locks[language]
    if not lock.acquire(timeout=timeout):
        out.fail("TimeoutError", "the %s kernel stayed busy with another run for %gs" % (language, timeout))
        return out.to_json(None, language)
    try:
        _busy[language] = True
        forked = _zygote_forker(args, language, emit)
        try:
            kernel, restarted = _ensure(language, forked)
        except ToolError:
            if forked is None:
                raise
            kernel, restarted = _ensure(language)  # the zygote could not: one started here, as without it
        restarted = restarted or language in _restarted_early
        _restarted_early.discard(language)
        out.started = time.monotonic()  # execution_time excludes the kernel's start
        try:
            count = kernel.execute(code, timeout, out)
        except KernelDied as e:
            kernel.shutdown()
            _kernels.pop(language, None)
            _died[language] = str(e)
            out.fail("KernelDied", str(e))
            count = None
        res = out.to_json(count, language)
        if restarted:
            res["kernelRestarted"] = True
            res["kernelRestartReason"] = _died.pop(language, "")
        return res
    finally:
        _busy[language] = False
        lock.release()


def interrupt(args, emit):
    language = _language(args, required=False)
    done = []
    for lang in ([language] if language else LANGUAGES):
        k = _kernels.get(lang)
        if k is not None and k.alive() and _busy.get(lang):
            k.interrupt()
            done.append(lang)
    return {"interrupted": done}


def prewarm(args, emit):
    """Starts a kernel ahead of the first run (Python unless told). Images without code tools skip it."""
    image = args.get("imageId")
    if isinstance(image, str) and image and not image.startswith("agb-code"):
        return {"skipped": True, "reason": "image %s has no run_code" % image}
    failed = args.get("zygoteFailed")
    if isinstance(failed, str):
        from .forked import report_failure
        report_failure(failed, str(args.get("error") or ""))
        return {"reported": True}
    language = _language(args, required=False) or "python"
    k = _kernels.get(language)
    if k is not None and k.alive():  # without the lock: a long-running cell must not hold this up
        return {"language": language, "ready": True, "ms": 0}
    forked = _zygote_forker(args, language, emit)
    t0 = time.monotonic()
    with _locks[language]:
        _, restarted = _ensure(language, forked)
        if restarted:
            _restarted_early.add(language)
    return {"language": language, "ready": True, "ms": round((time.monotonic() - t0) * 1000, 1)}


def kernel_status(args, emit):
    out = []
    for lang in LANGUAGES:
        k = _kernels.get(lang)
        if k is None:
            continue
        out.append({"language": lang, "alive": k.alive(), "busy": bool(_busy.get(lang)),
                    "pids": k.pids(), "executionCount": getattr(k, "count", 0)})
    return {"kernels": out}


def kernel_pids():
    pids = []
    for k in list(_kernels.values()):
        pids.extend(k.pids())
    return pids


@atexit.register
def _shutdown_all():
    # In a sandbox the pid namespace ends every kernel with the agent; unsandboxed, IRkernel would
    # outlive it (it does not watch JPY_PARENT_PID), so stop them all when the agent exits.
    for k in list(_kernels.values()):
        try:
            k.shutdown()
        except Exception:
            pass


OPS = {"run_code": run_code, "interrupt": interrupt, "prewarm": prewarm, "kernel_status": kernel_status}
