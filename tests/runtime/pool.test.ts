/**
 * The sandbox pool with real sandboxes: a create never waits on (or takes) a sandbox that is still
 * warming, warming runs in an idle-only cpu group that taking or a first tool call promotes, and
 * filling waits while the machine is busy. Ordering and state only: no timing is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Cgroups } from "@/lib/runtime/sandbox/cgroups";
import { LIMITS } from "@/lib/runtime/sandbox/limits";
import { SandboxPool, type PoolEvent, type PoolOptions } from "@/lib/runtime/sandbox/pool";
import type { Sandbox, SandboxHost } from "@/lib/runtime/sandbox/sandbox";
import { SlotAllocator, slotsDir } from "@/lib/runtime/sandbox/slots";
import { pidAlive } from "@/lib/runtime/pid-alive";
import { CpuPriority } from "@/lib/runtime/warm/cpu-priority";
import { waitFor } from "./helpers";

let dataDir: string;
let host: SandboxHost;
const pools: SandboxPool[] = [];
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-pool-"));
  const runtimeDir = path.join(dataDir, "runtime");
  fs.mkdirSync(slotsDir(runtimeDir), { recursive: true });
  for (const d of [dataDir, runtimeDir, slotsDir(runtimeDir)]) fs.chmodSync(d, 0o711);
  // Plain-folder session disks (no image to format and mount): the pool is what is under test.
  const disk = { mode: "dir", quotaBytes: 512 * 1024 * 1024, inodes: 32768 };
  host = {
    runtimeDir,
    isRoot,
    unsandboxed: false,
    cgroups: Cgroups.detect(LIMITS),
    bwrapPath: "bwrap",
    ...{ disk },
  } as SandboxHost;
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

function makePool(opts: Partial<PoolOptions>, h: SandboxHost = host) {
  const pool = new SandboxPool(h, new SlotAllocator(), { minSize: 1, retryMs: 20, ...opts }, pino({ level: "silent" }));
  const events: PoolEvent[] = [];
  pool.onEvent((e) => events.push(e));
  pools.push(pool);
  return { pool, events };
}

/** cpu.idle of the cpu cgroup the sandbox's launcher process is in ("" when there is none). */
function cpuIdleOf(sb: Sandbox): string {
  const line = fs
    .readFileSync(`/proc/${sb.client.pid}/cgroup`, "utf8")
    .split("\n")
    .find((l) => l.split(":")[1]?.split(",").includes("cpu"));
  const dir = path.join("/sys/fs/cgroup", line!.split(":")[1], line!.split(":")[2]);
  return fs.existsSync(path.join(dir, "cpu.idle")) ? fs.readFileSync(path.join(dir, "cpu.idle"), "utf8").trim() : "";
}

describe("sandbox pool", () => {
  it("answers a create with a bare sandbox while the pooled one is still warming, and hands that one out only once warm", async () => {
    const g = gate();
    const { pool, events } = makePool({ warm: () => g.opened, busy: () => false });
    pool.fill();
    await waitFor("a sandbox warming", () => events.some((e) => e.type === "warming"));
    const warmingSlot = events.find((e) => e.type === "warming")!.slot;

    const a = await pool.takeFor("session-a");
    expect(a.slot).not.toBe(warmingSlot);
    expect(events.map((e) => e.type)).toEqual(["warming", "taken-bare"]);
    expect(pool.state.ready).toBe(0);
    // The session's sandbox answers although the pooled warm-up has not finished.
    const r = await a.client.call<{ stdout: string }>("shell", { command: "echo up", timeout_ms: 5000 });
    expect(r.stdout).toBe("up\n");

    g.open();
    await waitFor("the warmed sandbox in the pool", () => events.some((e) => e.type === "ready"));
    const b = await pool.takeFor("session-b");
    expect(b.slot).toBe(warmingSlot);
    const order = events.filter((e) => e.slot === warmingSlot && e.type !== "promoted").map((e) => e.type);
    expect(order).toEqual(["warming", "ready", "taken-ready"]);
  });

  it.runIf(isRoot && CpuPriority.detect().available)(
    "warms in an idle-only cpu group; taking the sandbox or its first tool call promotes it",
    async () => {
      const g = gate();
      let warming: Sandbox | null = null;
      const { pool } = makePool({
        warm: async (sb) => {
          warming = sb;
          await g.opened;
        },
        busy: () => false,
      });
      pool.fill();
      await waitFor("a sandbox warming", () => warming !== null);
      const w = warming as unknown as Sandbox;
      expect(cpuIdleOf(w)).toBe("1");

      // A bare sandbox taken meanwhile warms idle too, until the session's first tool call.
      const bare = await pool.takeFor("session-bare");
      await bare.client.start(); // ready, not promoted: its launcher joined the group before exec
      expect(cpuIdleOf(bare)).toBe("1");
      await pool.ensure("session-bare", bare.slot, () => {});
      expect(cpuIdleOf(bare)).toBe("0");

      g.open();
      await waitFor("pool ready", () => pool.state.ready === 1);
      const taken = await pool.takeFor("session-warm");
      expect(taken).toBe(w);
      expect(cpuIdleOf(taken)).toBe("0");
    },
  );

  it("does not start warming while the machine is busy, and starts once it is not", async () => {
    let busy = true;
    let asked = 0;
    const { pool, events } = makePool({
      warm: async () => {},
      busy: () => {
        asked++;
        return busy;
      },
    });
    pool.fill();
    await waitFor("three busy checks", () => asked >= 3);
    expect(events).toEqual([]);
    expect(pool.state).toMatchObject({ ready: 0, warming: 0 });
    busy = false;
    await waitFor("the pool filled", () => pool.state.ready === 1);
    expect(events.map((e) => e.type)).toEqual(["warming", "ready"]);
  });

  it("grows to a burst of creates and gives the extra ready sandboxes back once the burst is forgotten", async () => {
    const { pool } = makePool({
      minSize: 1,
      maxSize: 3,
      warm: async () => {},
      busy: () => false,
      // Normal priority: this is about the pool's size, and idle-only boots would wait for
      // whatever else a shared machine runs (minutes on a loaded CI box).
      cpu: CpuPriority.none(),
      rememberBurstS: 2,
      shrinkEveryMs: 3_600_000, // shrink() is called by hand below
    });
    const taken = await Promise.all(["a", "b", "c"].map((id) => pool.takeFor(`burst-${id}`)));
    for (const sb of taken) await sb.ensureRunning();
    await waitFor("the pool grew to the burst's size", () => pool.state.ready === 3);
    expect(pool.shrink()).toBe(0); // the burst is still remembered
    await waitFor("the burst was forgotten", () => pool.state.target === 1);
    const before = [...pool["ready"]] as Sandbox[];
    expect(pool.shrink()).toBe(2);
    expect(pool.state.ready).toBe(1);
    // the oldest went; their agents end
    for (const sb of before.slice(0, 2)) await waitFor("a given-back sandbox ended", () => !sb.client.alive);
    expect(before[2].client.alive).toBe(true);
  });

  it.runIf(Cgroups.detect(LIMITS).available)(
    "sizes itself by what its warmed sandboxes are measured to hold, not by its first estimate",
    async () => {
      const MIB = 1024 * 1024;
      // The estimate lets the budget hold 2; a warmed bare sandbox holds a few MiB, so 3 fit.
      const { pool } = makePool({
        minSize: 1,
        maxSize: 3,
        budgetBytes: 2048 * MIB,
        perSandboxBytes: 1024 * MIB,
        warm: async () => {},
        busy: () => false,
        cpu: CpuPriority.none(),
        shrinkEveryMs: 3_600_000,
      });
      expect(pool.state.perSandboxMiB).toBe(1024);
      pool.fill();
      await waitFor("the pool filled", () => pool.state.ready === 1);
      expect(pool.state.perSandboxMiB).toBeGreaterThan(0);
      expect(pool.state.perSandboxMiB).toBeLessThan(256);
      const taken = await Promise.all(["a", "b", "c"].map((id) => pool.takeFor(`measured-${id}`)));
      for (const sb of taken) await sb.ensureRunning();
      await waitFor("the pool grew to the burst's size", () => pool.state.ready === 3);
    },
  );

  it("hands out a bare sandbox once launched: its first tool call awaits the start, whose failure it gets, and the next call starts it again", async () => {
    // A bubblewrap that fails its first start: the agent exits before its ready line.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-flaky-bwrap-"));
    fs.chmodSync(dir, 0o777);
    const marker = path.join(dir, "failed-once");
    const flaky = path.join(dir, "bwrap");
    fs.writeFileSync(
      flaky,
      `#!/bin/sh\nif [ ! -e '${marker}' ]; then : > '${marker}'; echo 'bwrap: simulated failure' >&2; exit 3; fi\nexec bwrap "$@"\n`,
      { mode: 0o755 },
    );
    try {
      const { pool } = makePool({ minSize: 0, warm: async () => {}, busy: () => true }, { ...host, bwrapPath: flaky });
      const sb = await pool.takeFor("session-flaky");
      await expect(pool.ensure("session-flaky", sb.slot, () => {})).rejects.toThrow(
        /sandbox agent exited with code 3: bwrap: simulated failure/,
      );
      const again = await pool.ensure("session-flaky", sb.slot, () => {});
      expect(again).toBe(sb);
      const r = await sb.client.call<{ stdout: string }>("shell", { command: "echo up", timeout_ms: 5000 });
      expect(r.stdout).toBe("up\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a release right after a bare create ends the starting sandbox and frees its slot", async () => {
    // No spare disks: the freed slot is not made again as one.
    const { pool } = makePool({ minSize: 0, spareDisks: 0, warm: async () => {}, busy: () => true });
    const sb = await pool.takeFor("session-short");
    const pid = sb.client.pid!;
    await pool.release("session-short", sb.slot);
    expect(pidAlive(pid)).toBe(false);
    expect(pool.slots.has(sb.slot)).toBe(false);
    expect(fs.existsSync(path.join(slotsDir(host.runtimeDir), String(sb.slot)))).toBe(false);
  });

  it("keeps disks made ahead for bare starts, and removes them on close", async () => {
    const { pool } = makePool({ minSize: 0, warm: async () => {}, busy: () => true });
    pool.fill();
    const slots = () => fs.readdirSync(slotsDir(host.runtimeDir)).map(Number);
    await waitFor("spare disks", () => slots().length >= 2);
    const spare = slots();
    const sb = await pool.takeFor("session-spare");
    expect(spare).toContain(sb.slot);
    await pool.release("session-spare", sb.slot);
    await pool.close();
    expect(slots()).toEqual([]);
  });
});
