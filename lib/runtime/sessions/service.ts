/**
 * Session lifecycle: create (sandbox from the pool), lookup scoped by owner, activity (idle clock),
 * release (manual or idle), the reaper, and recovery of live sessions after a restart.
 *
 * Used by the HTTP routes and by the streaming module (lib/runtime/stream/ws.ts):
 *   find(owner, id) / findAny(id), touch(session), sandboxFor(session) → Sandbox (client: AgentClient),
 *   release(session, reason), idleLimits.
 */
import crypto from "node:crypto";
import type { Logger } from "pino";
import type { RuntimeConfig } from "../config";
import { EnvelopeError, diskFull, isDiskFull } from "../http/envelope";
import { freeBytes } from "../sandbox/disk";
import { findImage } from "../images";
import type { Sandbox } from "../sandbox/sandbox";
import type { SandboxPool } from "../sandbox/pool";
import { removeSlotFiles, slotsOnDisk } from "../sandbox/slots";
import type { Labels, SessionRecord, SessionStore } from "../store/sessions";

export const newSessionId = () => "s-" + crypto.randomBytes(10).toString("hex");
export const newToken = () => crypto.randomBytes(24).toString("base64url");

export class SessionService {
  private reaper: NodeJS.Timeout | null = null;
  private readonly releasing = new Map<string, Promise<void>>();
  /** sessions with a tool call in flight: the reaper never releases them mid-call */
  private readonly busy = new Map<string, number>();

  constructor(
    readonly store: SessionStore,
    readonly pool: SandboxPool,
    private readonly config: RuntimeConfig,
    private readonly log: Logger,
  ) {}

  get idleLimits() {
    return { min: this.config.idleMinS, max: this.config.idleMaxS, default: this.config.idleDefaultS };
  }

  async create(owner: string, imageId: string, labels: Labels, idleTimeoutS: number): Promise<SessionRecord> {
    const free = freeBytes(this.config.runtimeDir);
    if (free < this.config.minFreeBytes) {
      this.log.error(
        { freeBytes: free, minFreeBytes: this.config.minFreeBytes },
        "createSession refused: data disk short of space",
      );
      throw diskFull(
        `${Math.floor(free / 1048576)} MiB free, a new session needs at least ${Math.ceil(this.config.minFreeBytes / 1048576)} MiB (AGB_RUNTIME_MIN_FREE_MB)`,
      );
    }
    const id = newSessionId();
    let sb: Sandbox;
    try {
      sb = await this.pool.takeFor(id);
    } catch (e) {
      if (isDiskFull(e) || /No space left|ENOSPC/.test((e as Error).message))
        throw diskFull(`no room for a new session's disk (${(e as Error).message})`);
      this.log.error({ err: (e as Error).message }, "no sandbox for a new session");
      throw new EnvelopeError(
        503,
        "SandboxUnavailable",
        `could not start a sandbox for the session: ${(e as Error).message}`,
      );
    }
    let rec: SessionRecord;
    try {
      rec = this.store.insert(
        {
          id,
          owner,
          imageId,
          nowMs: Date.now(),
          idleTimeoutS,
          token: newToken(),
          slot: sb.slot,
          sandboxed: sb.sandboxed,
        },
        labels,
      );
    } catch (e) {
      // e.g. SQLITE_FULL: the session never existed, so its sandbox and disk go too.
      void this.pool.release(id, sb.slot).catch(() => undefined);
      throw e;
    }
    if (this.config.prewarm && findImage(imageId)?.kind === "code") this.prewarm(sb, imageId);
    return rec;
  }

  /** Asks the agent to warm what the image needs (kernels); an agent without the op ignores it. */
  private prewarm(sb: Sandbox, imageId: string) {
    this.pool.prewarmSession(sb, imageId).catch((e: Error) => {
      if (!/unknown op/.test(e.message)) this.log.debug({ slot: sb.slot, err: e.message }, "prewarm failed");
    });
  }

  find(owner: string, id: string): SessionRecord | undefined {
    if (this.releasing.has(id)) return undefined;
    return this.store.getOwned(owner, id);
  }

  /** Lookup without owner scoping, for callers that authenticate by session token (WS). */
  findAny(id: string): SessionRecord | undefined {
    if (this.releasing.has(id)) return undefined;
    return this.store.get(id);
  }

  /** Resets the idle clock (keepAlive, tool calls, streaming). */
  touch(s: SessionRecord): void {
    this.store.touch(s.id, Date.now());
  }

  /** Marks a tool call in flight (touches the clock now and when `done()` is called). */
  beginCall(s: SessionRecord): () => void {
    this.touch(s);
    this.busy.set(s.id, (this.busy.get(s.id) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const n = (this.busy.get(s.id) ?? 1) - 1;
      if (n <= 0) this.busy.delete(s.id);
      else this.busy.set(s.id, n);
      if (this.store.get(s.id)) this.touch(s);
    };
  }

  /** The session's running sandbox, started (on its own slot and files) if none runs. */
  sandboxFor(s: SessionRecord): Promise<Sandbox> {
    return this.pool.ensure(s.id, s.slot, (slot) => this.store.setSlot(s.id, slot));
  }

  /** Removes the session at once (not found from now on), then kills its sandbox and deletes its files. */
  release(s: SessionRecord, reason: "manual" | "idle" | "expired-while-down"): Promise<void> {
    const cur = this.releasing.get(s.id);
    if (cur) return cur;
    this.store.remove(s);
    const p = this.pool
      .release(s.id, s.slot)
      .catch((e: Error) => this.log.error({ sessionId: s.id, err: e.message }, "release cleanup failed"))
      .finally(() => this.releasing.delete(s.id));
    this.releasing.set(s.id, p);
    this.log.info({ sessionId: s.id, reason }, "session released");
    return p;
  }

  reap(now = Date.now()): number {
    const ids = this.store.expiredIds(now);
    for (const id of ids) {
      const s = this.store.get(id);
      if (!s) continue;
      if (this.busy.has(id)) this.touch(s);
      else void this.release(s, "idle");
    }
    return ids.length;
  }

  startReaper(): void {
    this.reaper = setInterval(() => {
      try {
        this.reap();
      } catch (e) {
        this.log.error({ err: (e as Error).message }, "reaper sweep failed");
      }
    }, this.config.reaperIntervalMs);
    this.reaper.unref();
  }

  /**
   * After a (possibly unclean) stop: sessions whose idle time ran out while we were down are
   * released; the rest keep their slots and files and get a sandbox on their next tool call.
   * Slot folders no live session owns (pool sandboxes, half-finished releases) are removed.
   */
  recover(): { live: number; expired: number } {
    const now = Date.now();
    let expired = 0;
    const owned = new Set<number>();
    for (const s of this.store.all()) {
      if (s.expiresMs <= now) {
        this.store.remove(s);
        if (s.slot !== null) removeSlotFiles(this.config.runtimeDir, s.slot);
        expired++;
        this.log.info({ sessionId: s.id, reason: "expired-while-down" }, "session released");
      } else if (s.slot !== null) {
        owned.add(s.slot);
        this.pool.slots.claim(s.slot);
      }
    }
    for (const slot of slotsOnDisk(this.config.runtimeDir))
      if (!owned.has(slot)) removeSlotFiles(this.config.runtimeDir, slot);
    return { live: this.store.all().length, expired };
  }

  async close(): Promise<void> {
    if (this.reaper) clearInterval(this.reaper);
    await Promise.all(this.releasing.values());
  }
}
