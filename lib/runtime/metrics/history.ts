/**
 * Metrics over time (an extension): every `intervalMs` (5 s) the runtime measures each live session
 * whose sandbox is running (a stopped sandbox is not started just to be measured) and keeps the
 * samples in a bounded ring per session (the last hour). Released sessions lose their ring.
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
  limits: { memBytes: number; diskBytes: number; cpuCount: number };
  samples: MetricsSample[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export class MetricsHistory {
  private readonly rings = new Map<string, MetricsRing>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly sessions: SessionService,
    private readonly log: Logger,
    readonly opts: { intervalMs: number; keep: number } = { intervalMs: 5000, keep: 720 },
  ) {}

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
      await Promise.all(
        live.map(async (s) => {
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

  push(sessionId: string, m: Record<string, unknown>, now = Date.now()): void {
    let ring = this.rings.get(sessionId);
    if (!ring) {
      ring = {
        intervalS: this.opts.intervalMs / 1000,
        limits: { memBytes: 0, diskBytes: 0, cpuCount: 0 },
        samples: [],
      };
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

  /** The session's ring (samples newer than `sinceMs` when given). */
  get(sessionId: string, sinceMs = 0): MetricsRing {
    const ring = this.rings.get(sessionId);
    if (!ring)
      return {
        intervalS: this.opts.intervalMs / 1000,
        limits: { memBytes: 0, diskBytes: 0, cpuCount: 0 },
        samples: [],
      };
    return { ...ring, samples: sinceMs > 0 ? ring.samples.filter((s) => s.t > sinceMs) : [...ring.samples] };
  }
}
