import { describe, expect, it } from "vitest";
import { CpuLoad, memAvailableBytes, PoolSizer } from "./pool-sizer";

const MIB = 1024 * 1024;

describe("PoolSizer", () => {
  const sizer = () =>
    new PoolSizer({ min: 2, max: 16, budgetBytes: 700 * MIB, perSandboxBytes: 70 * MIB, windowS: 60, horizonS: 10 });

  it("keeps the configured minimum when nobody creates", () => {
    expect(sizer().target(1_000_000)).toBe(2);
  });

  it("grows with the recent create rate and shrinks back when the window has passed", () => {
    const s = sizer();
    const t0 = 1_000_000;
    for (let i = 0; i < 48; i++) s.recordCreate(t0 + i * 100); // 48 creates in ~5 s: 0.8/s over the minute
    expect(s.rate(t0 + 5000)).toBeCloseTo(0.8);
    expect(s.target(t0 + 5000)).toBe(8);
    expect(s.target(t0 + 70_000)).toBe(2);
  });

  it("stays within the memory budget, the ceiling and a quarter of MemAvailable", () => {
    const s = sizer();
    for (let i = 0; i < 600; i++) s.recordCreate(1_000_000 + i);
    expect(s.target(1_001_000)).toBe(10); // 700 MiB / 70 MiB
    expect(s.target(1_001_000, 1400 * MIB)).toBe(5); // a quarter of 1400 MiB / 70 MiB
    const big = new PoolSizer({ min: 2, max: 16, budgetBytes: 100_000 * MIB, perSandboxBytes: 70 * MIB });
    for (let i = 0; i < 600; i++) big.recordCreate(1_000_000 + i);
    expect(big.target(1_001_000)).toBe(16);
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
