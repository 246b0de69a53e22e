/**
 * Metrics over time (runtime extension): the sampler measures live sandboxes into a bounded ring
 * per session; a CPU burner shows up in it; and a command the kernel kills for memory says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { MetricsHistory } from "@/lib/runtime/metrics/history";
import type { SessionService } from "@/lib/runtime/sessions/service";
import { startTestRuntime, type TestRuntime } from "./helpers";

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime({ metricsIntervalMs: 400 });
});
afterAll(async () => {
  await t?.stop();
});

const history = async (sid: string, sinceMs?: number) => {
  const r = await t.wire.callTool(sid, "get_metrics_history", sinceMs ? { sinceMs } : {});
  return JSON.parse(r.body.data.content[0].text) as {
    intervalS: number;
    limits: { memBytes: number; diskBytes: number; cpuCount: number };
    samples: { t: number; cpuPct: number; memUsed: number; diskUsed: number; procs: number }[];
  };
};

describe("metrics history", () => {
  it("keeps at most `keep` samples per session, oldest dropped", () => {
    const h = new MetricsHistory({} as SessionService, pino({ level: "silent" }), { intervalMs: 5000, keep: 3 });
    for (let i = 0; i < 5; i++)
      h.push(
        "s1",
        { cpu_used_pct: i, mem_used: 10, mem_total: 100, disk_used: 1, disk_total: 9, cpu_count: 2, process_count: 1 },
        1000 + i,
      );
    const ring = h.get("s1");
    expect(ring.samples.map((s) => s.cpuPct)).toEqual([2, 3, 4]);
    expect(ring.limits).toEqual({ memBytes: 100, diskBytes: 9, cpuCount: 2 });
    expect(h.get("s1", 1003).samples.map((s) => s.cpuPct)).toEqual([4]);
    expect(h.get("other").samples).toEqual([]);
  });

  it("samples a quiet session (no call for a minute, under 1 % CPU) every 30 s, any other every round", () => {
    const h = new MetricsHistory({} as SessionService, pino({ level: "silent" }), { intervalMs: 5000, keep: 720 });
    const sample = (cpu: number, at: number) =>
      h.push("s1", { cpu_used_pct: cpu, mem_used: 1, mem_total: 2, disk_used: 1, disk_total: 2, cpu_count: 2 }, at);
    const t0 = 1_000_000;
    expect(h.due({ id: "s1", lastActivityMs: 0 }, t0)).toBe(true); // never sampled
    sample(0.2, t0);
    // a call 30 s ago: in use
    expect(h.due({ id: "s1", lastActivityMs: t0 - 30_000 }, t0 + 5000)).toBe(true);
    // no call for two minutes: quiet until its last sample is 30 s old (half a round early counts)
    const idle = { id: "s1", lastActivityMs: t0 - 120_000 };
    expect(h.due(idle, t0 + 5000)).toBe(false);
    expect(h.due(idle, t0 + 25_000)).toBe(false);
    expect(h.due(idle, t0 + 27_500)).toBe(true);
    // busy with no calls (a job started in the background): every round
    sample(40, t0 + 30_000);
    expect(h.due(idle, t0 + 35_000)).toBe(true);
    expect(h.get("s1").quietIntervalS).toBe(30);
  });

  it("a round looks up only the sessions with a running sandbox, and drops the rings of released ones", async () => {
    const looked: string[] = [];
    // No store.all(): a round must not read every stored session (the store may hold thousands).
    const sessions = {
      store: { get: (id: string) => (looked.push(id), id === "kept" ? { id, slot: null } : undefined) },
      pool: { liveSessionIds: () => ["kept"], liveSandbox: () => undefined },
    } as unknown as SessionService;
    const h = new MetricsHistory(sessions, pino({ level: "silent" }), { intervalMs: 5000, keep: 3 });
    const m = { cpu_used_pct: 1, mem_used: 1, mem_total: 2, disk_used: 1, disk_total: 2, cpu_count: 1 };
    h.push("kept", m, 1);
    h.push("released", m, 1);
    await h.sampleAll();
    expect(h.get("kept").samples).toHaveLength(1);
    expect(h.get("released").samples).toEqual([]);
    expect(looked.sort()).toEqual(["kept", "kept", "released"]);
  });

  it("samples a running session every interval and shows a CPU burner", async () => {
    const sid = await t.wire.newSession();
    await t.wire.shell(sid, "true");
    const t0 = Date.now();
    const burn = await t.wire.shell(sid, "timeout 3 sh -c 'yes > /dev/null'; echo burned", { timeout_ms: 10_000 });
    expect(burn.out.stdout).toContain("burned");
    await new Promise((r) => setTimeout(r, 800));
    const h = await history(sid);
    expect(h.intervalS).toBeCloseTo(0.4);
    expect(h.limits.memBytes).toBeGreaterThan(0);
    expect(h.limits.diskBytes).toBeGreaterThan(0);
    const during = h.samples.filter((s) => s.t > t0);
    expect(during.length).toBeGreaterThanOrEqual(4);
    // one core of `cpuCount` busy: at least a third of it in some sample
    expect(Math.max(...during.map((s) => s.cpuPct))).toBeGreaterThan(100 / h.limits.cpuCount / 3);
    expect(Math.max(...during.map((s) => s.procs))).toBeGreaterThanOrEqual(2);
    const newer = await history(sid, h.samples[h.samples.length - 1].t);
    expect(newer.samples.every((s) => s.t > h.samples[h.samples.length - 1].t)).toBe(true);
    await t.wire.release(sid);
  });

  it("says 'killed: out of memory' with the limit when the kernel kills a command for memory", async () => {
    const sid = await t.wire.newSession();
    const r = await t.wire.shell(sid, "python3 -c \"b = b'x' * (3 * 1024**3)\"", { timeout_ms: 60_000 });
    expect(r.out.exit_code).toBe(137);
    expect(r.out.stderr).toMatch(/killed: out of memory, limit 1\.5 GB/);
    // the session keeps working
    expect((await t.wire.shell(sid, "echo ok")).out.stdout).toBe("ok\n");
    await t.wire.release(sid);
  });
});

describe("quiet sessions", () => {
  let q: TestRuntime;
  beforeAll(async () => {
    q = await startTestRuntime({ metricsIntervalMs: 300, metricsQuiet: { afterMs: 1200, intervalMs: 2400 } });
  });
  afterAll(async () => {
    await q?.stop();
  });

  // Load on the machine only delays or skips rounds, so the checks are on the gaps between samples
  // (at least the quiet interval while quiet, well under it in use), never on a count in a span.
  it("are sampled once per quiet interval while idle, and every round again after a call", async () => {
    const ring = async (sid: string, sinceMs?: number) => {
      const r = await q.wire.callTool(sid, "get_metrics_history", sinceMs ? { sinceMs } : {});
      return JSON.parse(r.body.data.content[0].text) as { quietIntervalS: number; samples: { t: number }[] };
    };
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]);
    const sid = await q.wire.newSession();
    await q.wire.shell(sid, "true");
    const called = Date.now();
    await new Promise((r) => setTimeout(r, 6500));
    const h = await ring(sid); // a call: the session is in use again
    const asked = Date.now();
    expect(h.quietIntervalS).toBeCloseTo(2.4);
    // Quiet from 1.2 s after the call (a round later at most): one sample per 2.4 s, where every
    // round would have taken one per 0.3 s.
    const idle = h.samples.map((s) => s.t).filter((t) => t > called + 1500);
    expect(idle.length).toBeGreaterThanOrEqual(1);
    for (const gap of gaps(idle)) expect(gap).toBeGreaterThanOrEqual(2400 - 150);
    const last = h.samples[h.samples.length - 1].t;
    await new Promise((r) => setTimeout(r, 1000));
    // In use again: sampled round after round, gaps far below the quiet interval.
    const again = (await ring(sid, last)).samples.map((s) => s.t).filter((t) => t >= asked);
    expect(again.length).toBeGreaterThanOrEqual(2);
    for (const gap of gaps(again)) expect(gap).toBeLessThan(1200);
    await q.wire.release(sid);
  });
});

describe("out-of-memory in a kernel", () => {
  it("a Python cell that the kernel's OOM killer ends says 'killed: out of memory'", async () => {
    const sid = await t.wire.newSession();
    const r = await t.wire.callTool(sid, "run_code", {
      language: "python",
      code: "b = b'x' * (3 * 1024**3)",
      timeout_s: 60,
    });
    const text = r.body.data.content[0].text as string;
    expect(text, "run_code answered with a tool error").toMatch(/^\{/);
    const out = JSON.parse(text) as { executionError?: string };
    expect(out.executionError).toMatch(/killed: out of memory, limit 1\.5 GB/);
    await t.wire.release(sid);
  }, 120_000);
});
