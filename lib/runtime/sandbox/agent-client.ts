/**
 * Node side of the sandbox agent protocol (docs/ARCHITECTURE.md): newline-delimited JSON over the
 * agent's stdin/stdout.
 *
 * Stable interface (used by tools, the streaming module and the kernels code):
 *   const agent = new AgentClient(launch, { name })   // launch() spawns `python3 agent.py` (in a sandbox)
 *   await agent.start()                                // resolves on the agent's ready line
 *   await agent.call(op, args, { timeoutMs, onEvent }) // resolves with `result`, rejects with AgentError
 *   agent.kill(); agent.alive; agent.pid; agent.onExit(cb)
 *
 * AgentError.kind: "tool" (the op failed; show it as a tool error), "internal" (agent bug),
 * "dead" (the agent exited: every pending call rejects at once), "timeout" (no reply in time).
 */
import type { ChildProcess } from "node:child_process";

export type Launcher = () => ChildProcess;

export type AgentErrorKind = "tool" | "internal" | "dead" | "timeout";

export class AgentError extends Error {
  constructor(
    message: string,
    readonly kind: AgentErrorKind,
  ) {
    super(message);
    this.name = "AgentError";
  }
}

export interface CallOptions {
  /** Reject with kind "timeout" if no final reply arrives in time (the op may keep running). */
  timeoutMs?: number;
  /** Streaming events `{"id", "event"}` sent before the final reply. */
  onEvent?: (event: unknown) => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onEvent?: (event: unknown) => void;
  timer?: NodeJS.Timeout;
}

const STDERR_TAIL = 4096;

export class AgentClient {
  private child: ChildProcess | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";
  private ready: Promise<{ pid: number; uid: number }> | null = null;
  private exitListeners: ((info: { code: number | null; signal: string | null }) => void)[] = [];
  private exited = true;

  constructor(
    private readonly launch: Launcher,
    private readonly opts: { name?: string; readyTimeoutMs?: number } = {},
  ) {}

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Recent stderr of the agent (diagnostics; never shown to other owners). */
  get stderr(): string {
    return this.stderrTail;
  }

  onExit(cb: (info: { code: number | null; signal: string | null }) => void): void {
    this.exitListeners.push(cb);
  }

  start(): Promise<{ pid: number; uid: number }> {
    if (this.ready && this.alive) return this.ready;
    this.stderrTail = "";
    const child = this.launch();
    this.child = child;
    this.exited = false;
    const name = this.opts.name ?? "agent";
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new AgentError(`${name} did not become ready within ${this.opts.readyTimeoutMs ?? 10_000} ms${this.tailNote()}`, "timeout"));
        this.kill();
      }, this.opts.readyTimeoutMs ?? 10_000);
      this.pending.set(0, {
        resolve: (r) => {
          clearTimeout(timer);
          const v = r as { pid: number; uid: number };
          resolve({ pid: v.pid, uid: v.uid });
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
    this.ready.catch(() => {}); // observed by the caller; avoid unhandled rejections on restart races
    let buf: Buffer[] = [];
    child.stdout!.on("data", (chunk: Buffer) => {
      let start = 0;
      let nl = chunk.indexOf(10);
      while (nl !== -1) {
        buf.push(chunk.subarray(start, nl));
        const line = buf.length === 1 ? buf[0] : Buffer.concat(buf);
        buf = [];
        this.onLine(line);
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
      if (start < chunk.length) buf.push(chunk.subarray(start));
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    child.stdin!.on("error", () => {}); // EPIPE after death is reported through "exit"
    child.on("error", (err) => this.onDeath(null, null, err.message));
    child.on("exit", (code, signal) => {
      // Let replies already written reach us before failing what is still pending.
      if (child.stdout!.readableEnded) this.onDeath(code, signal);
      else {
        const t = setTimeout(() => this.onDeath(code, signal), 100);
        child.stdout!.once("end", () => {
          clearTimeout(t);
          this.onDeath(code, signal);
        });
      }
    });
    return this.ready;
  }

  call<T = Record<string, unknown>>(op: string, args: unknown, opts: CallOptions = {}): Promise<T> {
    if (!this.child || this.exited) return Promise.reject(new AgentError(`${this.opts.name ?? "agent"} is not running`, "dead"));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject, onEvent: opts.onEvent };
      if (opts.timeoutMs !== undefined) {
        p.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new AgentError(`${op} got no reply from the sandbox within ${opts.timeoutMs} ms`, "timeout"));
        }, opts.timeoutMs);
      }
      this.pending.set(id, p);
      this.child!.stdin!.write(JSON.stringify({ id, op, args }) + "\n");
    });
  }

  /** SIGKILL to the launched process (for bwrap: the whole sandbox goes with it). */
  kill(): void {
    if (this.child && !this.exited) this.child.kill("SIGKILL");
  }

  private tailNote(): string {
    const t = this.stderrTail.trim();
    return t ? `: ${t.split("\n").slice(-3).join(" | ")}` : "";
  }

  private onLine(line: Buffer) {
    if (line.length === 0) return;
    let msg: { id?: number | null; ok?: boolean; result?: unknown; event?: unknown; error?: { message?: string; kind?: string } };
    try {
      msg = JSON.parse(line.toString("utf8"));
    } catch {
      this.stderrTail = (this.stderrTail + "[non-JSON stdout] " + line.toString("utf8", 0, 200) + "\n").slice(-STDERR_TAIL);
      return;
    }
    if (typeof msg.id !== "number") return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if ("event" in msg && msg.ok === undefined) {
      p.onEvent?.(msg.event);
      return;
    }
    this.pending.delete(msg.id);
    if (p.timer) clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg.result ?? {});
    else {
      const kind = msg.error?.kind === "tool" ? "tool" : "internal";
      p.reject(new AgentError(msg.error?.message ?? "agent error", kind));
    }
  }

  private onDeath(code: number | null, signal: string | null, spawnError?: string) {
    if (this.exited) return;
    this.exited = true;
    const how = spawnError ? `could not start (${spawnError})` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const err = new AgentError(`sandbox agent ${how}${this.tailNote()}`, "dead");
    const pending = this.pending;
    this.pending = new Map();
    for (const p of pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(err);
    }
    for (const cb of this.exitListeners) cb({ code, signal });
  }
}
