/**
 * How many ready sandboxes the pool keeps: the creates expected over the next `horizonS` seconds at
 * the rate of the last `windowS` seconds, never below the configured minimum and never above what the
 * memory budget (and a share of MemAvailable) allows. Times are passed in, so the arithmetic is
 * testable without a clock.
 */
export interface SizerOptions {
  /** the configured pool size: kept even when nobody creates */
  min: number;
  /** hard ceiling */
  max: number;
  /** bytes pooled sandboxes may hold in total */
  budgetBytes: number;
  /** estimated bytes of one pooled sandbox (agent + warm kernel) */
  perSandboxBytes: number;
  windowS?: number;
  horizonS?: number;
}

export class PoolSizer {
  private readonly creates: number[] = [];
  private readonly windowMs: number;
  private readonly horizonS: number;

  constructor(private readonly o: SizerOptions) {
    this.windowMs = (o.windowS ?? 60) * 1000;
    this.horizonS = o.horizonS ?? 10;
  }

  recordCreate(atMs: number): void {
    this.creates.push(atMs);
    this.trim(atMs);
  }

  /** Creates per second over the window ending at `atMs`. */
  rate(atMs: number): number {
    this.trim(atMs);
    return this.creates.length / (this.windowMs / 1000);
  }

  /** Most recent create, or -Infinity. */
  lastCreate(): number {
    return this.creates.length ? this.creates[this.creates.length - 1] : -Infinity;
  }

  /** Target pool size at `atMs`, given the bytes the machine still has available. */
  target(atMs: number, memAvailableBytes = Infinity): number {
    const wanted = Math.max(this.o.min, Math.ceil(this.rate(atMs) * this.horizonS));
    // Never let idle sandboxes take more than a quarter of what is left.
    const budget = Math.min(this.o.budgetBytes, memAvailableBytes / 4);
    const byMemory = Math.floor(budget / this.o.perSandboxBytes);
    return Math.max(0, Math.min(wanted, this.o.max, Math.max(byMemory, Math.min(this.o.min, 1))));
  }

  private trim(atMs: number) {
    while (this.creates.length && this.creates[0] <= atMs - this.windowMs) this.creates.shift();
  }
}

/** MemAvailable in bytes (Infinity when /proc/meminfo is unreadable). */
export function memAvailableBytes(read: () => string): number {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(read());
    return m ? Number(m[1]) * 1024 : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * Share of CPU time that was busy since the previous call, from /proc/stat's first line
 * (null on the first call or when unreadable).
 */
export class CpuLoad {
  private prev: { busy: number; total: number } | null = null;

  constructor(private readonly read: () => string) {}

  sample(): number | null {
    let line: string;
    try {
      line = this.read().split("\n")[0];
    } catch {
      return null;
    }
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: nice is excluded from busy, as our own
    // warm-up runs niced/idle and must not count as load that stops it.
    const idle = (v[3] ?? 0) + (v[4] ?? 0) + (v[1] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const cur = { busy: total - idle, total };
    const p = this.prev;
    this.prev = cur;
    if (!p || cur.total <= p.total) return null;
    return (cur.busy - p.busy) / (cur.total - p.total);
  }
}
