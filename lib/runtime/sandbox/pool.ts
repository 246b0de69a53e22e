/**
 * Sandboxes for sessions: a pool of pre-started ones (so createSession does not wait for a boot),
 * the live sandbox of each session, lazy (re)spawn for sessions that have none running (after a
 * restart, for benchmark-seeded rows, after an agent death), and destruction on release.
 */
import type { Logger } from "pino";
import { Sandbox, type SandboxHost } from "./sandbox";
import { releaseSlotFiles, SlotAllocator } from "./slots";

export class SandboxPool {
  private readonly ready: Sandbox[] = [];
  private filling = false;
  private closed = false;
  private readonly live = new Map<string, Sandbox>();
  private readonly starting = new Map<string, Promise<Sandbox>>();

  constructor(
    private readonly host: SandboxHost,
    readonly slots: SlotAllocator,
    private readonly size: number,
    private readonly log: Logger,
    /** start the Python kernel in pool sandboxes, so a session's first run_code finds it warm */
    private readonly prewarm = false,
  ) {}

  /** Starts a sandbox on a fresh slot (the slot is freed again if the start fails). */
  async startFresh(): Promise<Sandbox> {
    const slot = this.slots.alloc();
    try {
      return await Sandbox.start(this.host, slot);
    } catch (e) {
      await releaseSlotFiles(this.host.runtimeDir, slot).catch(() => undefined);
      this.slots.free(slot);
      throw e;
    }
  }

  /** Keeps `size` ready sandboxes, one start at a time so a burst of creates does not eat both cores. */
  fill(): void {
    if (this.filling || this.closed) return;
    this.filling = true;
    void (async () => {
      try {
        while (!this.closed && this.ready.length < this.size) {
          const sb = await this.startFresh();
          // Load the shell op (imports, first fork) now, not on the session's first command.
          await sb.client.call("shell", { command: "true", timeout_ms: 5000 }, { timeoutMs: 10_000 }).catch(() => undefined);
          // Kernel start is ~0.5 s of CPU: do it here, not next to the session's first command.
          if (this.prewarm) await sb.client.call("prewarm", { language: "python" }, { timeoutMs: 60_000 }).catch(() => undefined);
          if (this.closed) {
            await this.discard(sb);
            break;
          }
          sb.client.onExit(() => {
            const i = this.ready.indexOf(sb);
            if (i >= 0) {
              this.ready.splice(i, 1);
              void this.discard(sb).then(() => this.fill());
            }
          });
          this.ready.push(sb);
        }
      } catch (e) {
        this.log.error({ err: (e as Error).message }, "could not pre-start a sandbox");
      } finally {
        this.filling = false;
      }
    })();
  }

  /** A ready sandbox for a new session (pool first, else started now); the pool refills behind. */
  async takeFor(sessionId: string): Promise<Sandbox> {
    let sb = this.ready.shift();
    while (sb && !sb.client.alive) sb = this.ready.shift();
    if (!sb) sb = await this.startFresh();
    this.live.set(sessionId, sb);
    // Spawning is synchronous work on the event loop: start the refill after this response is out.
    setImmediate(() => this.fill());
    return sb;
  }

  /** The running sandbox of a session, started on its slot if none runs (files are on disk). */
  async ensure(sessionId: string, slot: number | null, assignSlot: (slot: number) => void): Promise<Sandbox> {
    const cur = this.live.get(sessionId);
    if (cur) {
      await cur.ensureRunning();
      return cur;
    }
    const pending = this.starting.get(sessionId);
    if (pending) return pending;
    const p = (async () => {
      let s = slot;
      if (s === null) {
        s = this.slots.alloc();
        assignSlot(s);
      } else this.slots.claim(s);
      const sb = await Sandbox.start(this.host, s);
      this.live.set(sessionId, sb);
      return sb;
    })();
    this.starting.set(sessionId, p);
    try {
      return await p;
    } finally {
      this.starting.delete(sessionId);
    }
  }

  /** Kills the session's sandbox, deletes its files and frees the slot for the next one. */
  async release(sessionId: string, slot: number | null): Promise<void> {
    const pending = this.starting.get(sessionId);
    if (pending) await pending.catch(() => undefined);
    const sb = this.live.get(sessionId);
    this.live.delete(sessionId);
    if (sb) await sb.destroy(true);
    else if (slot !== null) await releaseSlotFiles(this.host.runtimeDir, slot);
    if (slot !== null) this.slots.free(slot);
    else if (sb) this.slots.free(sb.slot);
  }

  liveSandbox(sessionId: string): Sandbox | undefined {
    return this.live.get(sessionId);
  }

  private async discard(sb: Sandbox): Promise<void> {
    await sb.destroy(true);
    this.slots.free(sb.slot);
  }

  /** Stops every sandbox. Pool sandboxes lose their files; session files stay for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.ready.splice(0);
    await Promise.all([...pool.map((sb) => this.discard(sb)), ...[...this.live.values()].map((sb) => sb.destroy(false))]);
    this.live.clear();
  }
}
