import { describe, expect, it } from "vitest";
import { CpuLoad, memAvailableBytes, PoolSizer } from "./pool-sizer";

const MIB = 1024 * 1024;

describe("PoolSizer", () => {
  const sizer = () =>
    new PoolSizer({ min: 2, max: 64, budgetBytes: 700 * MIB, perSandboxBytes: 10 * MIB, burstS: 10, rememberS: 300 });

  it("keeps the configured minimum when nobody creates", () => {
    expect(sizer().target(1_000_000)).toBe(2);
  });

  it("holds the largest recent burst, not the average rate, and forgets it after its window", () => {
    const s = sizer();
    const t0 = 1_000_000;
    for (let i = 0; i < 50; i++) s.recordCreate(t0 + i * 40); // a fleet of 50 in 2 s
    for (let i = 0; i < 12; i++) s.recordCreate(t0 + 60_000 + i * 2000); // then one every 2 s
    expect(s.peak(t0 + 90_000)).toBe(50);
    expect(s.target(t0 + 90_000)).toBe(50);
    // the fleet is past the remembered 5 minutes; the slower creates are 5 within any 10 s
    expect(s.target(t0 + 302_500)).toBe(5);
    expect(s.target(t0 + 400_000)).toBe(2);
  });

  it("gives the same peak as counting every window, for random creates over a day-long span", () => {
    // Reference: each create's window is the creates within 10 s up to it; the peak is the largest
    // window of a create still within the remembered span.
    const reference = (creates: number[], at: number, burstMs: number, rememberMs: number) => {
      let best = 0;
      for (const t of creates)
        if (t > at - rememberMs && t <= at)
          best = Math.max(best, creates.filter((u) => u > t - burstMs && u <= t).length);
      return best;
    };
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 20; run++) {
      const s = new PoolSizer({ min: 0, max: 1000, budgetBytes: 1e15, perSandboxBytes: 1, rememberS: 60 });
      const creates: number[] = [];
      let t = 1_000_000;
      for (let i = 0; i < 300; i++) {
        t += rand() < 0.2 ? Math.floor(rand() * 30_000) : Math.floor(rand() * 500); // bursts and pauses
        s.recordCreate(t);
        creates.push(t);
        if (i % 7 === 0) expect(s.peak(t + 100)).toBe(reference(creates, t + 100, 10_000, 60_000));
      }
      for (const later of [5_000, 30_000, 59_000, 61_000, 120_000])
        expect(s.peak(t + later)).toBe(reference(creates, t + later, 10_000, 60_000));
    }
    // A day-long span at 10 creates a second, with one burst of 80 in the middle.
    const day = new PoolSizer({ min: 0, max: 1000, budgetBytes: 1e15, perSandboxBytes: 1, rememberS: 86_400 });
    const t0 = 1_000_000;
    for (let i = 0; i < 200_000; i++) {
      day.recordCreate(t0 + i * 100);
      if (i === 100_000) for (let j = 0; j < 80; j++) day.recordCreate(t0 + i * 100 + 1);
      if (i % 1000 === 0) day.peak(t0 + i * 100); // the pool asks as it fills
    }
    expect(day.peak(t0 + 200_000 * 100)).toBe(100 + 80);
  });

  it("stays within the memory budget, the ceiling and a quarter of MemAvailable", () => {
    const s = sizer();
    for (let i = 0; i < 600; i++) s.recordCreate(1_000_000 + i);
    expect(s.target(1_001_000)).toBe(64);
    expect(s.target(1_001_000, 200 * MIB)).toBe(5); // a quarter of 200 MiB / 10 MiB
    const small = new PoolSizer({ min: 2, max: 64, budgetBytes: 100 * MIB, perSandboxBytes: 10 * MIB });
    for (let i = 0; i < 600; i++) small.recordCreate(1_000_000 + i);
    expect(small.target(1_001_000)).toBe(10);
  });

  it("sizes by what pooled sandboxes are measured to hold once one is", () => {
    const s = new PoolSizer({ min: 1, max: 64, budgetBytes: 100 * MIB, perSandboxBytes: 50 * MIB });
    for (let i = 0; i < 30; i++) s.recordCreate(1_000_000 + i);
    expect(s.target(1_001_000)).toBe(2); // 100 / 50 (the estimate)
    s.recordSandboxBytes(4 * MIB);
    expect(s.perSandboxBytes).toBe(4 * MIB);
    s.recordSandboxBytes(6 * MIB);
    expect(s.perSandboxBytes).toBe(5 * MIB); // the mean of the measurements
    expect(s.target(1_001_000)).toBe(20);
    s.recordSandboxBytes(0); // unreadable: ignored
    expect(s.perSandboxBytes).toBe(5 * MIB);
  });

  it("reads MemAvailable and CPU load from /proc text", () => {
    expect(memAvailableBytes(() => "MemTotal: 10 kB\nMemAvailable:    2048 kB\n")).toBe(2 * MIB);
    expect(memAvailableBytes(() => "nothing")).toBe(Infinity);
    let text = "cpu  100 50 100 750 0 0 0 0 0 0\n";
    const load = new CpuLoad(() => text);
    expect(load.sample()).toBeNull();
    // +100 user, +100 nice (our own niced warm-up: not load), +0 system, +200 idle
    text = "cpu  200 150 100 950 0 0 0 0 0 0\n";
    expect(load.sample()).toBeCloseTo(100 / 400);
  });
});
