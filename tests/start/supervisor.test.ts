// The runtime supervisor of `npm start`, with real child processes: a child that crashes is
// restarted with a growing backoff; repeated crashes within the window make it give up with a
// message; a child that was never ready is not restarted; stop() ends it without a restart.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module shared with scripts/start.mjs
import { supervise } from "../../scripts/lib/supervisor.mjs";

const node = (code: string) => () => spawn(process.execPath, ["-e", code], { stdio: "ignore" });

describe("runtime supervisor", () => {
  it("restarts a crashing child with growing backoff, then gives up after 5 crashes in the window", async () => {
    const crashes: { restartInMs: number; crashes: number }[] = [];
    let starts = 0;
    const reason = await new Promise<string>((resolve) =>
      supervise({
        name: "test child",
        start: () => (starts++, node("process.exit(3)")()),
        baseBackoffMs: 10,
        stableMs: 60_000, // every crash counts as quick, however slow the machine
        log: () => {},
        onCrash: (c: { restartInMs: number; crashes: number }) => crashes.push(c),
        onGiveUp: resolve,
      }),
    );
    expect(starts).toBe(5);
    expect(crashes.map((c) => c.restartInMs)).toEqual([10, 20, 40, 80]);
    expect(reason).toMatch(/test child crashed 5 times within 60 s \(last: code 3\); giving up/);
  });

  it("starts the backoff again after a stable run", async () => {
    const delays: number[] = [];
    let starts = 0;
    await new Promise<string>((resolve) =>
      supervise({
        name: "test child",
        start: () => (starts++, node("setTimeout(() => process.exit(3), 150)")()),
        baseBackoffMs: 10,
        stableMs: 100,
        log: () => {},
        onCrash: (c: { restartInMs: number }) => delays.push(c.restartInMs),
        onGiveUp: resolve,
      }),
    );
    expect(starts).toBe(5);
    expect(delays).toEqual([10, 10, 10, 10]);
  });

  it("restarts a child killed with SIGKILL, and stop() ends it for good", async () => {
    const started: ReturnType<typeof spawn>[] = [];
    let gaveUp = false;
    const sup = supervise({
      name: "test child",
      start: () => {
        const c = node("setInterval(() => {}, 1000)")();
        started.push(c);
        return c;
      },
      baseBackoffMs: 10,
      log: () => {},
      onGiveUp: () => (gaveUp = true),
    });
    await new Promise((r) => setTimeout(r, 100));
    started[0].kill("SIGKILL");
    await expect.poll(() => started.length, { timeout: 5000 }).toBe(2);
    expect(sup.child).toBe(started[1]);
    await sup.stop(2000);
    expect(started[1].signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    expect(started.length).toBe(2);
    expect(gaveUp).toBe(false);
  });

  it("gives up at once on a child that exits before it was ready", async () => {
    let starts = 0;
    const reason = await new Promise<string>((resolve) =>
      supervise({
        name: "test child",
        start: () => (starts++, node("process.exit(1)")()),
        restartable: () => false,
        log: () => {},
        onGiveUp: resolve,
      }),
    );
    expect(starts).toBe(1);
    expect(reason).toMatch(/exited \(code 1\) before it was ready/);
  });

  it("forgets crashes older than the window", async () => {
    let starts = 0;
    const sup = supervise({
      name: "test child",
      // Crashes every 60 ms; with a 50 ms window no two crashes count together, so it never gives up.
      start: () => (starts++, node("setTimeout(() => process.exit(1), 60)")()),
      windowMs: 50,
      maxCrashes: 2,
      baseBackoffMs: 1,
      log: () => {},
      onGiveUp: () => {
        throw new Error("gave up");
      },
    });
    await expect.poll(() => starts, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await sup.stop(2000);
  });
});
