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
  const r = await client.post("/mcp", { sessionId, name: "run_code", args: JSON.stringify({ code, language: "python", timeout_s: 120 }) });
  if (!r?.success || r.data?.isError) throw new Error(`run_code failed: ${JSON.stringify(r)}`);
  const out = JSON.parse(r.data.content[0].text);
  if (out.executionError) throw new Error(`run_code error: ${out.executionError}`);
  return out;
}

export async function shell(client: Client, sessionId: string, command: string): Promise<string> {
  const r = await client.post("/mcp", { sessionId, name: "shell", args: JSON.stringify({ command, timeout_ms: 10_000 }) });
  if (!r?.success || r.data?.isError) throw new Error(`shell failed: ${JSON.stringify(r)}`);
  return JSON.parse(r.data.content[0].text).stdout as string;
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

/**
 * Pss (bytes) per uid of the runtime's processes (its process tree: other runtimes on the machine
 * use the same slot uids), from /proc/<pid>/smaps_rollup (needs root to read them all).
 */
export function pssByUid(runtimePid: number): Map<number, number> {
  const by = new Map<number, number>();
  for (const name of processTree(runtimePid).map(String)) {
    try {
      const uid = fs.statSync(`/proc/${name}`).uid;
      const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${name}/smaps_rollup`, "utf8"));
      if (m) by.set(uid, (by.get(uid) ?? 0) + Number(m[1]) * 1024);
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return by;
}

/** Pss (bytes) of the runtime's root processes whose command line contains `needle` (its zygote). */
export function pssOfCommand(runtimePid: number, needle: string): number {
  let bytes = 0;
  for (const name of processTree(runtimePid).map(String)) {
    try {
      if (fs.statSync(`/proc/${name}`).uid !== 0 || !fs.readFileSync(`/proc/${name}/cmdline`, "utf8").includes(needle)) continue;
      const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${name}/smaps_rollup`, "utf8"));
      if (m) bytes += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
  }
  return bytes;
}

/**
 * Average PSS of the given sessions (each session's processes run under its own uid, which a shell
 * `id -u` reports). Null when not root: other uids' smaps are unreadable then.
 */
export async function pssPerSession(client: Client, runtimePid: number, ids: string[]): Promise<{ perSession: number; procsUids: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const uids = new Set<number>();
  for (const id of ids) uids.add(Number((await shell(client, id, "id -u")).trim()));
  const by = pssByUid(runtimePid);
  let total = 0;
  for (const u of uids) if (u >= SLOT_UID_BASE) total += by.get(u) ?? 0;
  return { perSession: total / ids.length, procsUids: uids.size };
}

export const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
