/**
 * Interactive terminals of live sessions (an extension of the runtime, not part of AGB).
 *
 * A terminal is a shell on a PTY inside the session's sandbox (agent op module terminal.py). The
 * runtime keeps, per terminal, a bounded scrollback so a client that reattaches (a reloaded page)
 * first gets the recent output, then the live stream. Limits: terminals per session, output bytes
 * per second (enforced in the agent by back-pressure), and a terminal without keystrokes for the
 * session's idle timeout is closed. Keystrokes reset the session's idle clock; output does not.
 *
 *   open(session, {cols, rows}) → info       attach(id, tid, listener) → detach()
 *   input / resize / close(session, tid)     list(sessionId) → info[]
 */
import crypto from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import type { Logger } from "pino";
import { AgentError } from "../sandbox/agent-client";
import type { SessionService } from "../sessions/service";
import type { SessionRecord } from "../store/sessions";

export interface TerminalLimits {
  maxPerSession: number;
  maxBytesPerS: number;
  scrollbackBytes: number;
}

export const DEFAULT_TERMINAL_LIMITS: TerminalLimits = {
  maxPerSession: 4,
  maxBytesPerS: 64 * 1024 * 1024,
  scrollbackBytes: 256 * 1024,
};

/** How long an ended terminal stays listed, so a reattaching page can show how it ended. */
const ENDED_KEEP_MS = 5 * 60_000;

export type TerminalEvent =
  { type: "output"; data: string } | { type: "exit"; reason: string; exitCode: number | null; pauses?: number };

export interface TerminalInfo {
  terminalId: string;
  cols: number;
  rows: number;
  createdAt: string;
  exited: boolean;
}

interface Terminal {
  id: string;
  sessionId: string;
  cols: number;
  rows: number;
  createdMs: number;
  lastInputMs: number;
  idleTimeoutS: number;
  /** UTF-8 of the PTY's bytes, kept across frames so a character split between reads stays whole */
  decoder: StringDecoder;
  scrollback: string[];
  scrollbackLen: number;
  listeners: Set<(e: TerminalEvent) => void>;
  exit: Extract<TerminalEvent, { type: "exit" }> | null;
  endedMs: number;
}

export class TerminalError extends Error {
  constructor(
    message: string,
    readonly kind: "not_found" | "limit" | "invalid" | "failed",
  ) {
    super(message);
  }
}

export class TerminalManager {
  private readonly terms = new Map<string, Terminal>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly sessions: SessionService,
    private readonly log: Logger,
    readonly limits: TerminalLimits = DEFAULT_TERMINAL_LIMITS,
  ) {}

  list(sessionId: string): TerminalInfo[] {
    return [...this.terms.values()].filter((t) => t.sessionId === sessionId).map(info);
  }

  async open(s: SessionRecord, size: { cols: number; rows: number }): Promise<TerminalInfo> {
    const running = this.list(s.id).filter((t) => !t.exited).length;
    if (running >= this.limits.maxPerSession)
      throw new TerminalError(
        `this session already has ${running} terminals open (at most ${this.limits.maxPerSession}); close one first`,
        "limit",
      );
    this.sessions.touch(s);
    const sb = await this.sessions.sandboxFor(s);
    await sb.ensureRunning();
    const now = Date.now();
    const t: Terminal = {
      id: "t-" + crypto.randomBytes(6).toString("hex"),
      sessionId: s.id,
      ...size,
      createdMs: now,
      lastInputMs: now,
      idleTimeoutS: s.idleTimeoutS,
      decoder: new StringDecoder("utf8"),
      scrollback: [],
      scrollbackLen: 0,
      listeners: new Set(),
      exit: null,
      endedMs: 0,
    };
    this.terms.set(t.id, t);
    let started!: () => void;
    const isStarted = new Promise<void>((r) => (started = r));
    const ended = sb.client.call<{ exitCode: number | null; signal: number | null; pauses?: number }>(
      "term_open",
      { id: t.id, cols: size.cols, rows: size.rows, maxBytesPerS: this.limits.maxBytesPerS },
      {
        onEvent: (ev, raw) => {
          const type = (ev as { type?: string }).type;
          if (type === "started") started();
          else if (type === "output" && raw) this.onOutput(t, t.decoder.write(raw));
        },
      },
    );
    ended.then(
      (r) =>
        this.end(
          t,
          r.signal ? `the shell was killed by signal ${r.signal}` : `the shell exited with code ${r.exitCode ?? 0}`,
          r.exitCode,
          r.pauses,
        ),
      (e: Error) => {
        const released = !this.sessions.findAny(t.sessionId);
        const reason = released
          ? "the session was released"
          : e instanceof AgentError && e.kind === "dead"
            ? "the session's sandbox stopped"
            : `the terminal failed: ${e.message}`;
        this.end(t, reason, null);
      },
    );
    // Input sent before the agent registered the PTY would find no terminal.
    await Promise.race([isStarted, ended.catch(() => {})]);
    if (t.exit) throw new TerminalError(`the terminal could not start: ${t.exit.reason}`, "failed");
    return info(t);
  }

  /** Replays the scrollback (and the exit, if it ended) to `listener`, then streams live events. */
  attach(sessionId: string, tid: string, listener: (e: TerminalEvent) => void): () => void {
    const t = this.get(sessionId, tid);
    if (t.scrollbackLen > 0) listener({ type: "output", data: t.scrollback.join("") });
    if (t.exit) {
      listener(t.exit);
      return () => {};
    }
    t.listeners.add(listener);
    return () => t.listeners.delete(listener);
  }

  async input(s: SessionRecord, tid: string, data: string): Promise<void> {
    const t = this.live(s.id, tid);
    t.lastInputMs = Date.now();
    this.sessions.touch(s);
    await this.call(s, "term_input", { id: t.id, data });
  }

  async resize(s: SessionRecord, tid: string, size: { cols: number; rows: number }): Promise<void> {
    const t = this.live(s.id, tid);
    t.cols = size.cols;
    t.rows = size.rows;
    await this.call(s, "term_resize", { id: t.id, ...size });
  }

  async close(s: SessionRecord, tid: string): Promise<void> {
    const t = this.get(s.id, tid);
    if (t.exit) {
      this.terms.delete(t.id);
      return;
    }
    await this.call(s, "term_close", { id: t.id });
  }

  /** Closes terminals nobody typed into for their session's idle timeout; forgets long-ended ones. */
  sweep(now = Date.now()): void {
    for (const t of this.terms.values()) {
      if (t.exit) {
        if (now - t.endedMs > ENDED_KEEP_MS) this.terms.delete(t.id);
        continue;
      }
      const s = this.sessions.findAny(t.sessionId);
      if (!s) {
        this.end(t, "the session was released", null);
        continue;
      }
      if (now - t.lastInputMs > t.idleTimeoutS * 1000) {
        this.log.info({ sessionId: t.sessionId, terminalId: t.id }, "idle terminal closed");
        this.pendingReason.set(t.id, `closed after ${t.idleTimeoutS} s without input`);
        this.call(s, "term_close", { id: t.id }).catch(() => {});
      }
    }
  }

  startSweeper(intervalMs: number): void {
    this.sweeper = setInterval(() => this.sweep(), intervalMs);
    this.sweeper.unref();
  }

  closeAll(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const t of this.terms.values()) if (!t.exit) this.end(t, "the runtime stopped", null);
  }

  /** Reasons decided by the runtime (idle close), reported when the shell then exits. */
  private readonly pendingReason = new Map<string, string>();

  private async call(s: SessionRecord, op: string, args: Record<string, unknown>): Promise<void> {
    const sb = await this.sessions.sandboxFor(s);
    try {
      await sb.client.call(op, args, { timeoutMs: 10_000 });
    } catch (e) {
      if (e instanceof AgentError && e.kind === "tool") throw new TerminalError(e.message, "not_found");
      throw e;
    }
  }

  private get(sessionId: string, tid: string): Terminal {
    const t = this.terms.get(tid);
    if (!t || t.sessionId !== sessionId) throw new TerminalError(`no terminal ${tid} in this session`, "not_found");
    return t;
  }

  private live(sessionId: string, tid: string): Terminal {
    const t = this.get(sessionId, tid);
    if (t.exit) throw new TerminalError(`terminal ${tid} has ended (${t.exit.reason})`, "not_found");
    return t;
  }

  private onOutput(t: Terminal, data: string) {
    if (t.exit || data === "") return;
    t.scrollback.push(data);
    t.scrollbackLen += data.length;
    while (t.scrollbackLen > this.limits.scrollbackBytes && t.scrollback.length > 1)
      t.scrollbackLen -= t.scrollback.shift()!.length;
    if (t.scrollbackLen > this.limits.scrollbackBytes) {
      const only = t.scrollback[0].slice(-this.limits.scrollbackBytes);
      t.scrollback = [only];
      t.scrollbackLen = only.length;
    }
    for (const l of t.listeners) l({ type: "output", data });
  }

  private end(t: Terminal, reason: string, exitCode: number | null, pauses?: number) {
    if (t.exit) return;
    this.onOutput(t, t.decoder.end()); // a character cut off at the end shows as U+FFFD
    const pending = this.pendingReason.get(t.id);
    this.pendingReason.delete(t.id);
    t.exit = { type: "exit", reason: pending ?? reason, exitCode, pauses };
    t.endedMs = Date.now();
    for (const l of t.listeners) l(t.exit);
    t.listeners.clear();
  }
}

function info(t: Terminal): TerminalInfo {
  return {
    terminalId: t.id,
    cols: t.cols,
    rows: t.rows,
    createdAt: new Date(t.createdMs).toISOString(),
    exited: t.exit !== null,
  };
}
