/**
 * Fleet figures for the runtime bench: N sessions created by C parallel clients, each running
 * `print(1)` once, and the memory each live session with a warm Python kernel costs (PSS).
 */
import fs from "node:fs";
import { SLOT_UID_BASE } from "../../../lib/runtime/sandbox/limits";
import { processTree } from "../../../lib/runtime/warm/cpu-priority";
import type { runtimeClient } from "./http";
import { now } from "./stats";

type Client = ReturnType<typeof runtimeClient>;
const IMAGE = "agb-code-space-2";

export interface FleetResult {
  ids: string[];
  createMs: number[];
  firstOutputMs: number[];
  allOutputsMs: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies */
export async function runPython(client: Client, sessionId: string, code: string): Promise<any> {
  const r = await client.post("/mcp", {
    sessionId,
    name: "run_code",
    args: JSON.stringify({ code, language: "python", timeout_s: 120 }),
  });
  if (!r?.success || r.data?.isError) throw new Error(`run_code failed: ${JSON.stringify(r)}`);
  const out = JSON.parse(r.data.content[0].text);
  if (out.executionError) throw new Error(`run_code error: ${out.executionError}`);
  return out;
}

/* eslint-enable @typescript-eslint/no-explicit-any */

/** N sessions from C clients; each client creates a session, runs print(1) in it, and takes the next. */
export async function fleet(client: Client, n: number, c: number): Promise<FleetResult> {
  const createMs: number[] = [];
  const firstOutputMs: number[] = [];
  const ids: string[] = [];
  let next = 0;
  const t0 = now();
  let last = t0;
  const worker = async () => {
    while (next < n) {
      next++;
      const t = now();
      const r = await client.post("/mcp/createSession", {}, { imageId: IMAGE });
      if (!r?.data?.sessionId) throw new Error(`create failed: ${JSON.stringify(r)}`);
      createMs.push(now() - t);
      ids.push(r.data.sessionId);
      const out = await runPython(client, r.data.sessionId, "print(1)");
      if (out.stdout.join("") !== "1\n") throw new Error("print(1) gave " + JSON.stringify(out));
      last = now();
      firstOutputMs.push(last - t);
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
  return { ids, createMs, firstOutputMs, allOutputsMs: last - t0 };
}

/** What a sandbox process is, for the PSS breakdown. */
function kindOf(cmd: string): string {
  // a kernel started in its sandbox, or forked by the runtime's zygote (it keeps the zygote's command line)
  if (cmd.includes("ipykernel_launcher") || cmd.includes("agb-zygote")) return "kernel";
  if (cmd.includes("/agent.py")) return cmd.startsWith("/usr/bin/python3") ? "agent" : "bwrap";
  return "other";
}

/**
 * Average PSS of the runtime's sandboxes that hold a warm Python kernel (the fleet's sessions, and
 * pooled sandboxes warmed the same way): each sandbox runs under its own uid, so its processes are
 * grouped by uid within the runtime's process tree (other runtimes on the machine use the same uids).
 * `byKind`: the PSS of those sandboxes summed per process kind (agent, kernel, bwrap...), and the
 * private part of it (USS: what ending that process would free; the rest is its share of pages it
 * shares, with the zygote and the other kernels for a forked kernel).
 * Null when not root: other uids' smaps are unreadable then.
 */
export function pssPerSession(
  runtimePid: number,
): { perSession: number; sessions: number; byKind: Map<string, { pss: number; uss: number }> } | null {
  if (process.getuid?.() !== 0) return null;
  const byUid = new Map<number, { pss: number; kernel: boolean; kinds: [string, number, number][] }>();
  for (const pid of processTree(runtimePid)) {
    try {
      const uid = fs.statSync(`/proc/${pid}`).uid;
      if (uid < SLOT_UID_BASE) continue;
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0) * 1024;
      const e = byUid.get(uid) ?? { pss: 0, kernel: false, kinds: [] };
      const pss = kb("Pss");
      e.pss += pss;
      const kind = kindOf(cmd);
      e.kinds.push([kind, pss, kb("Private_Clean") + kb("Private_Dirty")]);
      e.kernel ||= kind === "kernel";
      byUid.set(uid, e);
    } catch {
      /* exited meanwhile */
    }
  }
  const warm = [...byUid.values()].filter((e) => e.kernel);
  if (!warm.length) return null;
  const byKind = new Map<string, { pss: number; uss: number }>();
  for (const e of warm)
    for (const [k, pss, uss] of e.kinds) {
      const cur = byKind.get(k) ?? { pss: 0, uss: 0 };
      byKind.set(k, { pss: cur.pss + pss, uss: cur.uss + uss });
    }
  return { perSession: warm.reduce((a, e) => a + e.pss, 0) / warm.length, sessions: warm.length, byKind };
}

/** "agent 9.1 (USS 6.0), kernel 20.3 (USS 9.8), ..." MiB per session. */
export const pssBreakdown = (byKind: Map<string, { pss: number; uss: number }>, sessions: number) =>
  [...byKind].map(([k, b]) => `${k} ${mib(b.pss / sessions)} (USS ${mib(b.uss / sessions)})`).join(", ") +
  " MiB per session";

/** Pss (bytes) of the runtime's root processes whose command line contains `needle` (its zygote). */
export function pssOfCommand(runtimePid: number, needle: string): number {
  let bytes = 0;
  for (const pid of processTree(runtimePid)) {
    try {
      if (fs.statSync(`/proc/${pid}`).uid !== 0 || !fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle))
        continue;
      const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) bytes += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
  }
  return bytes;
}

export const mib = (b: number) => (b / 1024 / 1024).toFixed(1);

/**
 * CPU (ms) the runtime's process tree has used so far, by kind: each live process's own time
 * (utime+stime), and apart from it the time of the children it has reaped (cutime+cstime: the
 * runtime's helpers such as mkfs and mount, the zygote's launchers). Sandbox processes by kind as in
 * the PSS breakdown; root processes as "runtime" (the node process) and "zygote". Taken before and
 * after the fleet, the difference over the sessions is the CPU a session costs.
 */
export function cpuByKind(runtimePid: number): Map<string, number> {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const out = new Map<string, number>();
  const add = (kind: string, ms: number) => out.set(kind, (out.get(kind) ?? 0) + ms);
  for (const pid of processTree(runtimePid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const kind =
        fs.statSync(`/proc/${pid}`).uid >= SLOT_UID_BASE
          ? kindOf(cmd)
          : pid === runtimePid
            ? "runtime"
            : cmd.includes("agb-zygote")
              ? "zygote"
              : cmd.includes("spawner.py")
                ? "spawner" // mkfs, mount and umount are its reaped children
                : "other";
      add(kind, (Number(f[11]) + Number(f[12])) * tick);
      add(`${kind}'s reaped children`, (Number(f[13]) + Number(f[14])) * tick);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** "120 ms (runtime 23.0, agent 35.0, kernel 41.0, ...)" per session between two cpuByKind snapshots. */
export function cpuPerSession(before: Map<string, number>, after: Map<string, number>, sessions: number): string {
  const kinds = [...new Set([...before.keys(), ...after.keys()])];
  const per = kinds
    .map((k) => [k, ((after.get(k) ?? 0) - (before.get(k) ?? 0)) / sessions] as const)
    .filter(([, v]) => v > 0);
  const total = per.reduce((a, [, v]) => a + v, 0);
  return `${total.toFixed(0)} ms (${per.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")})`;
}

/**
 * Busy CPU time of the whole machine so far, in ms summed over its cores (/proc/stat: user, nice,
 * system, irq, softirq, steal), and this process's own. What a fleet costs the machine, every
 * process counted: the short-lived ones (the execs before each bwrap, mkfs) that the per-process
 * figure misses, kernel threads, and the bench's clients (reported apart).
 */
export function machineBusyMs(): { machine: number; bench: number } {
  const [, user, nice, system, , , irq, softirq, steal] = fs
    .readFileSync("/proc/stat", "utf8")
    .split("\n")[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  const self = process.cpuUsage();
  return { machine: (user + nice + system + irq + softirq + steal) * 10, bench: (self.user + self.system) / 1000 };
}

/** "82 ms (of which the bench's clients 6)" per session between two machineBusyMs snapshots. */
export function machinePerSession(before: ReturnType<typeof machineBusyMs>, sessions: number): string {
  const after = machineBusyMs();
  const per = (after.machine - before.machine) / sessions;
  return `${per.toFixed(0)} ms (of which the bench's clients ${((after.bench - before.bench) / sessions).toFixed(1)})`;
}
