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
