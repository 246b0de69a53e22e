/**
 * Metrics over time (an extension): every `intervalMs` (5 s) the runtime measures each live session
 * whose sandbox is running (a stopped sandbox is not started just to be measured) and keeps the
 * samples in a bounded ring per session. Released sessions lose their ring.
 *
 * A quiet session (no call for `quietAfterMs`, its last sample under 1 % CPU) is measured once per
 * `quietIntervalMs` (30 s) instead: its figures barely move, and each sample is a call into its
 * agent, so fleets of sessions held open and idle cost 2.5–8 % of a 2-core machine at 300 live when
 * all were sampled every 5 s. A call (opening the Metrics tab is one) or CPU use brings it back to
 * every round at once. CPU is the average since the previous sample, so a quiet sample covers its
 * whole 30 s.
 */
import type { Logger } from "pino";
import type { SessionService } from "../sessions/service";
import { measure } from "../tools/metrics";

export interface MetricsSample {
  /** epoch ms */
  t: number;
  cpuPct: number;
  memUsed: number;
  diskUsed: number;
  procs: number;
}

export interface MetricsRing {
  intervalS: number;
  /** how often a quiet session is measured */
  quietIntervalS: number;
  limits: { memBytes: number; diskBytes: number; cpuCount: number };
  samples: MetricsSample[];
}

export interface HistoryOptions {
  intervalMs: number;
  /** samples kept per session */
  keep: number;
  /** no call for this long (and under 1 % CPU) makes a session quiet (default 60 s) */
  quietAfterMs?: number;
  /** how often a quiet session is measured (default 30 s) */
  quietIntervalMs?: number;
}

/** Below this share of its CPUs a session's last sample counts as idle. */
const QUIET_CPU_PCT = 1;

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export class MetricsHistory {
  private readonly rings = new Map<string, MetricsRing>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly sessions: SessionService,
    private readonly log: Logger,
    readonly opts: HistoryOptions = { intervalMs: 5000, keep: 720 },
  ) {}

  private get quietAfterMs(): number {
    return this.opts.quietAfterMs ?? 60_000;
  }

  private get quietIntervalMs(): number {
    return this.opts.quietIntervalMs ?? 30_000;
  }

  start(): void {
    this.timer = setInterval(() => void this.sampleAll(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round over every live session (skipped when the previous round is still measuring). */
  async sampleAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // The sessions with a running sandbox, looked up one by one: the store may hold thousands of
      // sessions whose sandbox is stopped (10,000 in bench:runtime), no longer all read every round.
      const store = this.sessions.store;
      const live = this.sessions.pool.liveSessionIds().flatMap((id) => store.get(id) ?? []);
      for (const id of this.rings.keys()) if (!store.get(id)) this.rings.delete(id);
      const now = Date.now();
      await Promise.all(
        live.map(async (s) => {
          if (!this.due(s, now)) return;
          const sb = this.sessions.pool.liveSandbox(s.id);
          if (!sb?.client.alive) return;
          try {
            this.push(s.id, await measure(sb.client, s.slot, sb.paths.disk === "image"));
          } catch (e) {
            this.log.debug({ sessionId: s.id, err: (e as Error).message }, "metrics sample failed");
          }
        }),
      );
    } finally {
      this.running = false;
    }
  }

  /** Every round, unless the session is quiet: then once its last sample is a quiet interval old. */
  due(s: { id: string; lastActivityMs: number }, now: number): boolean {
    const last = this.rings.get(s.id)?.samples.at(-1);
    if (!last || now - s.lastActivityMs < this.quietAfterMs || last.cpuPct >= QUIET_CPU_PCT) return true;
    // Half a round early, so that a round landing just short of the quiet interval still takes it.
    return now - last.t >= this.quietIntervalMs - this.opts.intervalMs / 2;
  }

  push(sessionId: string, m: Record<string, unknown>, now = Date.now()): void {
    let ring = this.rings.get(sessionId);
    if (!ring) {
      ring = this.emptyRing();
      this.rings.set(sessionId, ring);
    }
    ring.limits = { memBytes: num(m.mem_total), diskBytes: num(m.disk_total), cpuCount: num(m.cpu_count) };
    ring.samples.push({
      t: now,
      cpuPct: num(m.cpu_used_pct),
      memUsed: num(m.mem_used),
      diskUsed: num(m.disk_used),
      procs: num(m.process_count),
    });
    if (ring.samples.length > this.opts.keep) ring.samples.splice(0, ring.samples.length - this.opts.keep);
  }

  /** A ring with no sample yet: what a session not measured so far answers. */
  private emptyRing(): MetricsRing {
    return {
      intervalS: this.opts.intervalMs / 1000,
      quietIntervalS: this.quietIntervalMs / 1000,
      limits: { memBytes: 0, diskBytes: 0, cpuCount: 0 },
      samples: [],
    };
  }

  /** The session's ring (samples newer than `sinceMs` when given). */
  get(sessionId: string, sinceMs = 0): MetricsRing {
    const ring = this.rings.get(sessionId);
    if (!ring) return this.emptyRing();
    return { ...ring, samples: sinceMs > 0 ? ring.samples.filter((s) => s.t > sinceMs) : [...ring.samples] };
  }
}
