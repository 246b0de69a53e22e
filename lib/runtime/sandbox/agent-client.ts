/**
 * Node side of the sandbox agent protocol (docs/ARCHITECTURE.md): newline-delimited JSON over the
 * agent's stdin/stdout; a frame from the agent may carry raw bytes after its line (`"raw": n`).
 *
 * Stable interface (used by tools, the streaming module and the kernels code):
 *   const agent = new AgentClient(launch, { name })   // launch() spawns `python3 agent.py` (in a sandbox)
 *   await agent.start()                                // resolves on the agent's ready line
 *   await agent.call(op, args, { timeoutMs, onEvent }) // resolves with `result`, rejects with AgentError
 *   agent.kill(); agent.alive; agent.pid; agent.onExit(cb)
 *
 * AgentError.kind: "tool" (the op failed; show it as a tool error), "internal" (agent bug),
 * "dead" (the agent exited: every pending call rejects at once), "timeout" (no reply in time).
 *
 * The agent is not trusted to behave: a frame longer than MAX_FRAME_BYTES (line and raw bytes), a
 * line that is not a JSON object, or an agent that stops answering while calls wait (see the watchdog below) ends
 * that agent (SIGKILL, reported through onFault); the next call starts it again. The buffer
 * of a partial frame never exceeds MAX_FRAME_BYTES, so no agent can grow the runtime's memory.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";

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
  /** Streaming events `{"id", "event"}` sent before the final reply, with the raw bytes of a raw frame. */
  onEvent?: (event: unknown, raw?: Buffer) => void;
}

/** One frame from the agent; `raw` is the length of the bytes after its line (then handed to onEvent). */
interface AgentFrame {
  id?: number | null;
  ok?: boolean;
  result?: unknown;
  event?: unknown;
  error?: { message?: string; kind?: string };
  raw?: number;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onEvent?: (event: unknown, raw?: Buffer) => void;
  timer?: NodeJS.Timeout;
}

const STDERR_TAIL = 4096;
/** Largest frame read from an agent; the agent itself refuses to send replies over 24 MiB. */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;
/**
 * Calls waiting and nothing heard for this long: ping the agent (answered on its main thread,
 * without waiting for anything else). An unanswered ping ends the agent at once only if it is
 * stopped or traced (process state T/t); one that is merely starved of CPU on a loaded host gets
 * until WEDGED_MS of silence.
 */
const SILENCE_MS = 10_000;
export const PING_DEADLINE_MS = 5000;
const WEDGED_MS = 90_000;

export class AgentClient {
  private child: ChildProcess | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";
  private ready: Promise<{ pid: number; uid: number }> | null = null;
  private exitListeners: ((info: { code: number | null; signal: string | null }) => void)[] = [];
  private exited = true;
  private lastHeard = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private pinging = false;
  private fault: string | null = null;

  constructor(
    private readonly launch: Launcher,
    private readonly opts: {
      name?: string;
      readyTimeoutMs?: number;
      /** called when the agent broke the protocol or stopped answering (it is then killed) */
      onFault?: (reason: string) => void;
      silenceMs?: number;
      pingDeadlineMs?: number;
      wedgedMs?: number;
      /** process state letter of the agent (as in /proc/<pid>/stat); default: the launched process */
      agentState?: () => string | undefined;
    } = {},
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
    this.fault = null;
    const child = this.launch();
    this.child = child;
    this.exited = false;
    this.lastHeard = Date.now();
    const name = this.opts.name ?? "agent";
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new AgentError(
            `${name} did not become ready within ${this.opts.readyTimeoutMs ?? 10_000} ms${this.tailNote()}`,
            "timeout",
          ),
        );
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
    // Frames: a JSON line, and after a line with `"raw": n` exactly n raw bytes (a terminal's output).
    let buf: Buffer[] = [];
    let buffered = 0;
    let rawFor: AgentFrame | null = null; // the line whose raw bytes are being read
    let rawLeft = 0;
    child.stdout!.on("data", (chunk: Buffer) => {
      if (this.child !== child || this.fault) return;
      this.lastHeard = Date.now();
      let start = 0;
      while (start < chunk.length) {
        if (rawFor) {
          const take = Math.min(rawLeft, chunk.length - start);
          buf.push(chunk.subarray(start, start + take));
          rawLeft -= take;
          start += take;
          if (rawLeft > 0) return;
          const raw = buf.length === 1 ? buf[0] : Buffer.concat(buf);
          const frame = rawFor;
          buf = [];
          rawFor = null;
          this.dispatch(frame, raw);
          continue;
        }
        const nl = chunk.indexOf(10, start);
        if (nl === -1) {
          buffered += chunk.length - start;
          if (buffered > MAX_FRAME_BYTES) {
            buf = [];
            return this.violation(`sent over ${MAX_FRAME_BYTES} bytes without a newline`);
          }
          buf.push(chunk.subarray(start));
          return;
        }
        if (buffered + nl - start > MAX_FRAME_BYTES)
          return this.violation(`sent a frame over ${MAX_FRAME_BYTES} bytes`);
        buf.push(chunk.subarray(start, nl));
        const line = buf.length === 1 ? buf[0] : Buffer.concat(buf);
        buf = [];
        buffered = 0;
        start = nl + 1;
        if (line.length === 0) continue;
        const frame = this.parseFrame(line);
        if (!frame) return;
        if (frame.raw === undefined) this.dispatch(frame);
        else if (frame.raw === 0) this.dispatch(frame, Buffer.alloc(0));
        else {
          rawFor = frame;
          rawLeft = frame.raw;
        }
      }
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
    if (!this.child || this.exited)
      return Promise.reject(new AgentError(`${this.opts.name ?? "agent"} is not running`, "dead"));
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
      this.armWatchdog();
    });
  }

  /** While calls wait, a silent agent gets a ping; no pong within PING_DEADLINE_MS ends it. */
  private armWatchdog() {
    if (this.watchdog) return;
    const silence = this.opts.silenceMs ?? SILENCE_MS;
    this.watchdog = setInterval(
      () => {
        if (this.exited || this.pending.size === 0) {
          if (this.watchdog) clearInterval(this.watchdog);
          this.watchdog = null;
          return;
        }
        if (this.pinging || Date.now() - this.lastHeard < silence) return;
        this.pinging = true;
        const child = this.child;
        const deadline = this.opts.pingDeadlineMs ?? PING_DEADLINE_MS;
        this.call("ping", {}, { timeoutMs: deadline })
          .catch((e: AgentError) => {
            if (e.kind !== "timeout" || this.child !== child) return;
            const state = this.agentState();
            if (state === "T" || state === "t")
              this.violation(`is stopped (process state ${state}) and did not answer a ping within ${deadline} ms`);
            else if (Date.now() - this.lastHeard > (this.opts.wedgedMs ?? WEDGED_MS))
              this.violation(
                `answered nothing, not even a ping, for ${Math.round((Date.now() - this.lastHeard) / 1000)} s (wedged)`,
              );
          })
          .finally(() => (this.pinging = false));
      },
      Math.max(100, Math.floor(silence / 2)),
    );
    this.watchdog.unref();
  }

  private agentState(): string | undefined {
    if (this.opts.agentState) return this.opts.agentState();
    return this.child?.pid ? processState(this.child.pid) : undefined;
  }

  /** The agent broke the protocol: log it, end it; pending calls fail, the next call restarts it. */
  private violation(reason: string) {
    if (this.fault || this.exited) return;
    this.fault = reason;
    this.opts.onFault?.(reason);
    this.kill();
  }

  /** SIGKILL to the launched process (for bwrap: the whole sandbox goes with it). */
  kill(): void {
    if (this.child && !this.exited) this.child.kill("SIGKILL");
  }

  private tailNote(): string {
    const t = this.stderrTail.trim();
    return t ? `: ${t.split("\n").slice(-3).join(" | ")}` : "";
  }

  /** The frame in one JSON line, or null when it broke the protocol (the agent is being killed). */
  private parseFrame(line: Buffer): AgentFrame | null {
    let msg: AgentFrame;
    try {
      msg = JSON.parse(line.toString("utf8"));
    } catch {
      this.violation(`sent a frame that is not JSON: ${JSON.stringify(line.toString("utf8", 0, 80))}`);
      return null;
    }
    if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
      this.violation("sent a frame that is not a JSON object");
      return null;
    }
    if (
      msg.raw !== undefined &&
      !(Number.isSafeInteger(msg.raw) && msg.raw >= 0 && msg.raw + line.length <= MAX_FRAME_BYTES)
    ) {
      this.violation(`sent a raw frame length that is not a byte count within ${MAX_FRAME_BYTES} bytes`);
      return null;
    }
    return msg;
  }

  private dispatch(msg: AgentFrame, raw?: Buffer) {
    if (typeof msg.id !== "number") return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if ("event" in msg && msg.ok === undefined) {
      p.onEvent?.(msg.event, raw);
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
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const how = this.fault
      ? `was ended by the runtime: it ${this.fault}`
      : spawnError
        ? `could not start (${spawnError})`
        : signal
          ? `was killed by ${signal}`
          : `exited with code ${code}`;
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

/** State letter of a process (R, S, D, T, t, Z...) or undefined when it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return undefined;
  }
}
