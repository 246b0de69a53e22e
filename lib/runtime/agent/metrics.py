"""get_metrics (docs/protocol.md, "get_metrics") measured from inside the sandbox.

The sandbox has its own pid namespace, so /proc lists exactly the session's processes: memory is
their summed PSS (RSS when smaps_rollup is unreadable), cpu use is the delta of their utime+stime
between two samples, cpu_count is our affinity. Disk is the session's home+/tmp against its quota.
The runtime may replace mem_* with its cgroup's figures (it can read the cgroup; we cannot), and
then says so (memFromRuntime); on a session's own disk image (diskImage) disk use is read from the
file system instead of counted file by file.
"""
import os
import time
from _thread import allocate_lock

import quota

CLK = os.sysconf("SC_CLK_TCK")
_last = {"t": None, "ticks": None}
_lock = allocate_lock()


def _pids():
    pids = [int(n) for n in os.listdir("/proc") if n.isdigit()]
    if os.environ.get("AGB_SANDBOXED") == "1":
        return pids
    # Unsandboxed: /proc is the host's; count the agent and its descendants only.
    parent = {}
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                data = f.read()
            parent[pid] = int(data[data.rfind(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    mine = {os.getpid()}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parent.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                changed = True
    return sorted(mine)


def _cpu_ticks(pids):
    out = {}
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                data = f.read()
        except OSError:
            continue
        fields = data[data.rfind(")") + 2:].split()
        out[pid] = int(fields[11]) + int(fields[12])  # utime + stime
    return out


def _mem_of(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open("/proc/%d/statm" % pid) as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _mem_total():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _net():
    rx = tx = 0
    try:
        with open("/proc/net/dev") as f:
            for line in f.readlines()[2:]:
                name, data = line.split(":", 1)
                if name.strip() == "lo":
                    continue
                cols = data.split()
                rx += int(cols[0])
                tx += int(cols[8])
    except OSError:
        pass
    return rx, tx


def metrics(args, emit):
    cpus = len(os.sched_getaffinity(0))
    with _lock:
        now = time.monotonic()
        ticks = _cpu_ticks(_pids())
        prev_t, prev = _last["t"], _last["ticks"]
        if prev is None or now - prev_t < 0.05:
            # No earlier sample (or too recent): take a short second one.
            time.sleep(0.2)
            prev_t, prev = now, ticks
            now = time.monotonic()
            ticks = _cpu_ticks(_pids())
        # A pid absent from the previous sample started since: all its cpu time falls in the window.
        used = sum(max(0, t - prev.get(pid, 0)) for pid, t in ticks.items())
        _last["t"], _last["ticks"] = now, ticks
    elapsed = max(now - prev_t, 1e-3)
    cpu_pct = min(100.0, 100.0 * used / CLK / elapsed / max(cpus, 1))
    pids = list(ticks)
    # The runtime reads memory from the sandbox's cgroup when it has one: summing PSS here (a walk
    # of each process's page tables) would be thrown away.
    mem_used = 0 if args.get("memFromRuntime") is True else sum(_mem_of(p) for p in pids)
    mem_limit = args.get("memLimitBytes")
    mem_total = mem_limit if isinstance(mem_limit, int) and mem_limit > 0 else _mem_total()
    rx, tx = _net()
    with _lock:
        pn = _last.get("net")
        _last["net"] = (now, rx, tx)
    rx_rate = tx_rate = 0.0
    if pn and now > pn[0]:
        rx_rate = max(0, rx - pn[1]) / 1024.0 / (now - pn[0])
        tx_rate = max(0, tx - pn[2]) / 1024.0 / (now - pn[0])
    return {
        "cpu_count": cpus,
        "cpu_used_pct": round(cpu_pct, 2),
        "mem_total": mem_total,
        "mem_used": mem_used,
        "disk_total": quota.quota_of(args),
        "disk_used": quota.image_used() if args.get("diskImage") is True else quota.disk_used(),
        "rx_rate_kbyte_per_s": round(rx_rate, 2),
        "tx_rate_kbyte_per_s": round(tx_rate, 2),
        "rx_used_kbyte": round(rx / 1024.0, 2),
        "tx_used_kbyte": round(tx / 1024.0, 2),
        "process_count": len(pids),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source": "sandbox-proc",
    }


OPS = {"metrics": metrics}
