/**
 * Sandboxes for sessions: a pool of pre-started ones, the live sandbox of each session, lazy
 * (re)spawn for sessions that have none running (after a restart, for benchmark-seeded rows, after
 * an agent death), and destruction on release.
 *
 * A create never waits on kernel work: it takes a sandbox whose warm-up has finished, or starts a
 * bare one (tens of ms) when none is ready; a sandbox still warming is never handed out. Warm-up
 * (the shell op's imports, the Python kernel) runs in an idle-only cpu cgroup, so it uses only CPU
 * nobody else wants; the group is promoted to normal weight when a session takes the sandbox or
 * sends its first tool call. Filling pauses while creates arrive or the CPU is busy, and the pool's
 * size follows the largest recent burst of creates within a memory budget, each warmed sandbox's
 * memory measured (lib/runtime/warm/pool-sizer.ts), down as well as up: ready sandboxes above the
 * target are given back every 30 s.
 */
import fs from "node:fs";
import type { Logger } from "pino";
import { CpuPriority, type CpuGroup } from "../warm/cpu-priority";
import { CpuLoad, memAvailableBytes, PoolSizer } from "../warm/pool-sizer";
import { forkKernelsFor, warmPython, type Zygote } from "../zygote/zygote";
import { cgroupMemory } from "./cgroups";
import { Sandbox, type SandboxHost } from "./sandbox";
import { prepareSlotDisk, releaseSlotFiles, SlotAllocator, slotUid, type SlotPaths } from "./slots";

export interface PoolOptions {
  /** ready sandboxes kept even when nobody creates (AGB_RUNTIME_POOL_SIZE) */
  minSize: number;
  /** ceiling of the adaptive size */
  maxSize?: number;
  /** bytes the pooled sandboxes may hold together (AGB_RUNTIME_POOL_MEMORY_MB) */
  budgetBytes?: number;
  /** estimated bytes of one warm pooled sandbox, until one is measured (its memory cgroup's usage) */
  perSandboxBytes?: number;
  /** start the Python kernel in pooled sandboxes, so a session's first run_code finds it warm */
  prewarm?: boolean;
  cpu?: CpuPriority;
  /** fork Python kernels from this zygote instead of starting them in the sandbox (AGB_RUNTIME_ZYGOTE=1) */
  zygote?: Zygote | null;
  /** the warm-up of a pooled sandbox (default: shell op, then the Python kernel when prewarm is on) */
  warm?: (sb: Sandbox) => Promise<void>;
  /** true while the machine is too busy to warm (default: a create in the last 500 ms or CPU > 90 %) */
  busy?: () => boolean;
  /** how long filling waits before looking again when busy */
  retryMs?: number;
  /** how long a burst of creates keeps the pool at its size, in seconds (default 300) */
  rememberBurstS?: number;
  /** how often ready sandboxes above the target are given back (default every 30 s) */
  shrinkEveryMs?: number;
  /**
   * Slots whose disk is made ahead (image formatted and mounted, folders and identity files
   * written; default 4): a disk is most of a bare start's time (mkfs + mount), so a create that
   * finds no ready sandbox takes one of these and only spawns.
   */
  spareDisks?: number;
}

export type PoolEvent = { type: "warming" | "ready" | "taken-ready" | "taken-bare" | "promoted"; slot: number };

const MIB = 1024 * 1024;

export class SandboxPool {
  private readonly ready: Sandbox[] = [];
  private readonly warming = new Set<Sandbox>();
  private readonly groups = new Map<Sandbox, CpuGroup>();
  private filling = false;
  private fillDone: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly live = new Map<string, Sandbox>();
  private readonly starting = new Map<string, Promise<Sandbox>>();
  private readonly sizer: PoolSizer;
  private readonly cpu: CpuPriority;
  private readonly load = new CpuLoad(() => fs.readFileSync("/proc/stat", "utf8"));
  private readonly listeners: ((e: PoolEvent) => void)[] = [];
  private readonly spareDisks: { slot: number; disk: SlotPaths }[] = [];
  private spareFill: Promise<void> | null = null;
  private readonly shrinkTimer: NodeJS.Timeout;

  constructor(
    private readonly host: SandboxHost,
    readonly slots: SlotAllocator,
    private readonly opts: PoolOptions,
    private readonly log: Logger,
  ) {
    this.cpu = opts.cpu ?? CpuPriority.detect();
    this.sizer = new PoolSizer({
      min: opts.minSize,
      max: Math.max(opts.minSize, opts.maxSize ?? 16),
      budgetBytes: opts.budgetBytes ?? 1024 * MIB,
      perSandboxBytes: opts.perSandboxBytes ?? (opts.prewarm ? 70 * MIB : 12 * MIB),
      rememberS: opts.rememberBurstS,
    });
    this.shrinkTimer = setInterval(() => this.shrink(), opts.shrinkEveryMs ?? 30_000);
    this.shrinkTimer.unref?.();
  }

  /**
   * Gives back the ready sandboxes above the target, oldest first: once a burst is forgotten the
   * target falls, and the warm sandboxes the burst left would otherwise hold their memory until
   * taken. Returns how many went.
   */
  shrink(): number {
    if (this.closed) return 0;
    const extra = this.ready.length - this.target();
    const gone = extra > 0 ? this.ready.splice(0, extra) : [];
    for (const sb of gone)
      void this.discard(sb).catch((e: Error) => this.log.warn({ err: e.message }, "could not end a pooled sandbox"));
    return gone.length;
  }

  /** Pool state for tests, logs and benches. */
  get state() {
    return {
      ready: this.ready.length,
      warming: this.warming.size,
      target: this.target(),
      perSandboxMiB: Math.round((this.sizer.perSandboxBytes / MIB) * 10) / 10,
    };
  }

  onEvent(cb: (e: PoolEvent) => void): void {
    this.listeners.push(cb);
  }

  /** The cpu group a sandbox warms in (null when promoted-at-birth or no cgroups). */
  cpuGroupOf(sb: Sandbox): CpuGroup | null {
    return this.groups.get(sb) ?? null;
  }

  /**
   * Starts a sandbox on a fresh slot (the slot is freed again if the start fails); with
   * `waitReady: false` it resolves once the agent is spawned (see Sandbox.launch), with `idle` the
   * sandbox launches into an idle-only cpu group of its own.
   */
  async startFresh({ waitReady = true, idle = false } = {}): Promise<Sandbox> {
    const spare = this.spareDisks.shift();
    const slot = spare?.slot ?? this.slots.alloc();
    this.fillSpareDisks();
    const g = idle ? this.cpu.idleGroup(slot) : null;
    try {
      const join = g ? [`${g.dir}/cgroup.procs`] : [];
      const start = waitReady ? Sandbox.start : Sandbox.launch;
      const sb = this.forked(await start(this.host, slot, { join, disk: spare?.disk }));
      if (g) this.groups.set(sb, g);
      return sb;
    } catch (e) {
      await this.cpu.remove(g);
      await releaseSlotFiles(this.host.runtimeDir, slot).catch(() => undefined);
      this.slots.free(slot);
      throw e;
    }
  }

  private get spareTarget(): number {
    return this.opts.spareDisks ?? 4;
  }

  /** Makes disks for the next fresh slots, one at a time, up to opts.spareDisks. */
  private fillSpareDisks(): void {
    if (this.spareFill || this.closed || this.spareDisks.length >= this.spareTarget) return;
    const run = async () => {
      try {
        while (!this.closed && this.spareDisks.length < this.spareTarget) {
          const slot = this.slots.alloc();
          try {
            const { runtimeDir, isRoot, uidBase, disk } = this.host;
            const paths = await prepareSlotDisk(runtimeDir, slot, slotUid(slot, isRoot, uidBase), isRoot, disk);
            if (this.closed) throw new Error("closed");
            this.spareDisks.push({ slot, disk: paths });
          } catch (e) {
            await releaseSlotFiles(this.host.runtimeDir, slot).catch(() => undefined);
            this.slots.free(slot);
            if (!this.closed) this.log.warn({ err: (e as Error).message }, "could not prepare a spare session disk");
            return;
          }
        }
      } finally {
        this.spareFill = null;
      }
    };
    this.spareFill = run();
  }

  private forked(sb: Sandbox): Sandbox {
    if (this.opts.zygote) forkKernelsFor(sb.client, this.opts.zygote);
    return sb;
  }

  private target(): number {
    return this.sizer.target(
      Date.now(),
      memAvailableBytes(() => fs.readFileSync("/proc/meminfo", "utf8")),
    );
  }

  private busy(): boolean {
    if (this.opts.busy) return this.opts.busy();
    const load = this.load.sample();
    return Date.now() - this.sizer.lastCreate() < 500 || (load !== null && load > 0.9);
  }

  private emit(type: PoolEvent["type"], sb: Sandbox) {
    for (const l of this.listeners) l({ type, slot: sb.slot });
  }

  private promote(sb: Sandbox) {
    const g = this.groups.get(sb);
    if (g?.idle) {
      this.cpu.promote(g);
      this.emit("promoted", sb);
    }
  }

  private async warm(sb: Sandbox): Promise<void> {
    if (this.opts.warm) return this.opts.warm(sb);
    // Load the shell op (imports, first fork) now, not on the session's first command.
    await sb.client.call("shell", { command: "true", timeout_ms: 5000 }, { timeoutMs: 10_000 }).catch(() => undefined);
    if (this.opts.prewarm) await warmPython(sb, this.opts.zygote ?? null).catch(() => undefined);
  }

  /** A new session's own warm-up (what its image needs); agents without the op ignore it. */
  prewarmSession(sb: Sandbox, imageId: string): Promise<void> {
    return warmPython(sb, this.opts.zygote ?? null, { imageId });
  }

  /** Brings the pool up to its target, one sandbox at a time, only while the machine is not busy. */
  fill(): void {
    this.fillSpareDisks();
    if (this.filling || this.closed) return;
    this.filling = true;
    this.fillDone = (async () => {
      try {
        while (!this.closed && this.ready.length + this.warming.size < this.target()) {
          if (this.busy()) {
            this.retry ??= setTimeout(() => {
              this.retry = null;
              this.fill();
            }, this.opts.retryMs ?? 250);
            this.retry.unref?.();
            break;
          }
          // Counted as warming from its spawn, not its ready line: close() kills what is warming,
          // and an idle-priority boot on a busy machine can take seconds it must not wait for.
          const sb = await this.startFresh({ waitReady: false, idle: true });
          this.warming.add(sb);
          this.emit("warming", sb);
          try {
            await sb.ensureRunning();
            await this.warm(sb);
          } catch (e) {
            await this.discard(sb);
            if (this.closed) break;
            throw e;
          } finally {
            this.warming.delete(sb);
          }
          if (this.closed || !sb.client.alive) {
            await this.discard(sb);
            continue;
          }
          sb.client.onExit(() => {
            const i = this.ready.indexOf(sb);
            if (i >= 0) {
              this.ready.splice(i, 1);
              void this.discard(sb).then(() => this.fill());
            }
          });
          // What holding it costs: its own pages (the zygote's shared ones are charged to the zygote).
          const mem = cgroupMemory(sb.slot);
          if (mem) this.sizer.recordSandboxBytes(mem.used);
          this.ready.push(sb);
          this.emit("ready", sb);
        }
      } catch (e) {
        this.log.error({ err: (e as Error).message }, "could not pre-start a sandbox");
      } finally {
        this.filling = false;
      }
    })();
  }

  /**
   * A sandbox for a new session: a warmed pooled one, else a bare one launched now (never one still
   * warming). A bare sandbox is handed out once its agent is spawned, not once it is ready: the
   * session's first tool call awaits the start (Sandbox.ensureRunning). It goes into an idle cpu
   * group at once, so its boot and the session's own warm-up (the service's prewarm call) do not
   * slow the creates that follow; its first tool call promotes it.
   */
  async takeFor(sessionId: string): Promise<Sandbox> {
    this.sizer.recordCreate(Date.now());
    let sb = this.ready.shift();
    while (sb && !sb.client.alive) sb = this.ready.shift();
    if (sb) {
      this.promote(sb);
      this.emit("taken-ready", sb);
    } else {
      sb = await this.startFresh({ waitReady: false, idle: true });
      this.emit("taken-bare", sb);
    }
    this.live.set(sessionId, sb);
    // Spawning is synchronous work on the event loop: start the refill after this response is out.
    setImmediate(() => this.fill());
    return sb;
  }

  /** The running sandbox of a session, started on its slot if none runs (files are on disk). */
  async ensure(sessionId: string, slot: number | null, assignSlot: (slot: number) => void): Promise<Sandbox> {
    const cur = this.live.get(sessionId);
    if (cur) {
      // A tool call: whatever this session still warms now runs at normal weight.
      this.promote(cur);
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
      const sb = this.forked(await Sandbox.start(this.host, s));
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
    if (sb) await this.destroy(sb, true);
    else if (slot !== null) await releaseSlotFiles(this.host.runtimeDir, slot);
    if (slot !== null) this.slots.free(slot);
    else if (sb) this.slots.free(sb.slot);
  }

  liveSandbox(sessionId: string): Sandbox | undefined {
    return this.live.get(sessionId);
  }

  /** The sessions that have a running sandbox. */
  liveSessionIds(): string[] {
    return [...this.live.keys()];
  }

  private async destroy(sb: Sandbox, removeFiles: boolean): Promise<void> {
    await sb.destroy(removeFiles);
    const g = this.groups.get(sb);
    this.groups.delete(sb);
    await this.cpu.remove(g ?? null);
  }

  private async discard(sb: Sandbox): Promise<void> {
    await this.destroy(sb, true);
    this.slots.free(sb.slot);
  }

  /** Stops every sandbox. Pool sandboxes lose their files; session files stay for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    clearInterval(this.shrinkTimer);
    for (const sb of this.warming) sb.client.kill();
    await this.fillDone;
    await this.spareFill;
    for (const { slot } of this.spareDisks.splice(0)) {
      await releaseSlotFiles(this.host.runtimeDir, slot).catch(() => undefined);
      this.slots.free(slot);
    }
    const pool = this.ready.splice(0);
    await Promise.all([
      ...pool.map((sb) => this.discard(sb)),
      ...[...this.live.values()].map((sb) => this.destroy(sb, false)),
    ]);
    this.live.clear();
  }
}
