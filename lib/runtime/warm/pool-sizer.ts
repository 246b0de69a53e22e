/**
 * How many ready sandboxes the pool keeps: as many as the largest burst of creates seen lately (the
 * most creates within any `burstS` seconds of the last `rememberS`), never below the configured
 * minimum and never above what the memory budget (and a quarter of MemAvailable) allows. Fleets come
 * in batches (an evaluation creates its dozens of sessions at once, then again a few minutes later),
 * so the pool holds the last batch's size until the batches stop; the last minute's average rate
 * (times 10 s, the rule before) kept a sixth of a batch. What one pooled sandbox costs is measured
 * (recordSandboxBytes) once the pool has warmed one; the configured estimate stands until then.
 * Times are passed in, so the arithmetic is testable without a clock.
 */
export interface SizerOptions {
  /** the configured pool size: kept even when nobody creates */
  min: number;
  /** hard ceiling */
  max: number;
  /** bytes pooled sandboxes may hold in total */
  budgetBytes: number;
  /** estimated bytes of one pooled sandbox (agent + warm kernel), until one is measured */
  perSandboxBytes: number;
  /** the span a burst is counted over, in seconds (default 10) */
  burstS?: number;
  /** how long a burst is remembered, in seconds (default 300) */
  rememberS?: number;
}

export class PoolSizer {
  /** creates of the last `burstMs`: the count that a new create's burst window holds */
  private readonly window: number[] = [];
  private windowHead = 0;
  /**
   * Each create's burst count (the creates within `burstMs` up to it), kept only while no later
   * create's count is as large: counts decrease from head to tail, so the head is the peak of the
   * remembered span. Amortised O(1) per create at any create rate and span (the span can be a day).
   */
  private readonly peaks: { t: number; n: number }[] = [];
  private peaksHead = 0;
  private last = -Infinity;
  private readonly burstMs: number;
  private readonly rememberMs: number;
  private perSandbox: number;
  private measured = 0;

  constructor(private readonly o: SizerOptions) {
    this.burstMs = (o.burstS ?? 10) * 1000;
    this.rememberMs = (o.rememberS ?? 300) * 1000;
    this.perSandbox = o.perSandboxBytes;
  }

  recordCreate(atMs: number): void {
    this.last = atMs;
    this.window.push(atMs);
    while (this.window[this.windowHead] <= atMs - this.burstMs) this.windowHead++;
    this.windowHead = compact(this.window, this.windowHead);
    const n = this.window.length - this.windowHead;
    while (this.peaks.length > this.peaksHead && this.peaks[this.peaks.length - 1].n <= n) this.peaks.pop();
    this.peaks.push({ t: atMs, n });
    this.trim(atMs);
  }

  /**
   * What a warmed pooled sandbox was measured to hold (its memory cgroup's usage): the estimate
   * becomes the running mean of the measurements, the newest weighing 1/20 once there are 20.
   */
  recordSandboxBytes(bytes: number): void {
    if (!(bytes > 0)) return;
    const n = Math.min(this.measured, 19);
    this.perSandbox = this.measured === 0 ? bytes : (this.perSandbox * n + bytes) / (n + 1);
    this.measured++;
  }

  /** Bytes one pooled sandbox is taken to cost. */
  get perSandboxBytes(): number {
    return this.perSandbox;
  }

  /** The most creates within any `burstS` span ending in the remembered window that ends at `atMs`. */
  peak(atMs: number): number {
    this.trim(atMs);
    return this.peaks.length > this.peaksHead ? this.peaks[this.peaksHead].n : 0;
  }

  /** Most recent create, or -Infinity. */
  lastCreate(): number {
    return this.last;
  }

  /** Target pool size at `atMs`, given the bytes the machine still has available. */
  target(atMs: number, memAvailableBytes = Infinity): number {
    const wanted = Math.max(this.o.min, this.peak(atMs));
    // Never let idle sandboxes take more than a quarter of what is left.
    const budget = Math.min(this.o.budgetBytes, memAvailableBytes / 4);
    const byMemory = Math.floor(budget / this.perSandbox);
    return Math.max(0, Math.min(wanted, this.o.max, Math.max(byMemory, Math.min(this.o.min, 1))));
  }

  private trim(atMs: number) {
    while (this.peaks.length > this.peaksHead && this.peaks[this.peaksHead].t <= atMs - this.rememberMs)
      this.peaksHead++;
    this.peaksHead = compact(this.peaks, this.peaksHead);
  }
}

/**
 * Drops a queue's consumed head once it is most of the array (amortised O(1), unlike shift());
 * returns the head's new index.
 */
function compact<T>(q: T[], head: number): number {
  if (head <= 1024 || head * 2 <= q.length) return head;
  q.splice(0, head);
  return 0;
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
