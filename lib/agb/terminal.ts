import "server-only";
// Interactive terminals over a session's stream WebSocket: an extension of the embedded runtime
// (AGB itself has none; the `terminal` entry of a session's tool list says a backend offers them).
// Frames: `{invocationId, data: {method: "terminal.*", params}}` → `{invocationId, data: {phase, ...}}`.
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { z } from "zod";
import { AgbError } from "./errors";

export const terminalInfoSchema = z.object({
  terminalId: z.string(),
  cols: z.number(),
  rows: z.number(),
  createdAt: z.string(),
  exited: z.boolean(),
});
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

export const terminalListSchema = z.object({
  terminals: z.array(terminalInfoSchema),
  limits: z.looseObject({ maxPerSession: z.number() }),
});

export type TerminalEvent =
  { type: "output"; data: string } | { type: "exit"; reason: string; exitCode: number | null; pauses?: number };

const replySchema = z.looseObject({
  invocationId: z.string().optional().catch(undefined),
  data: z.looseObject({
    phase: z.string().optional().catch(undefined),
    eventType: z.string().optional().catch(undefined),
    chunk: z.string().optional().catch(undefined),
    reason: z.string().optional().catch(undefined),
    exitCode: z.number().nullable().optional().catch(null),
    pauses: z.number().optional().catch(undefined),
    result: z.unknown().optional(),
    error: z.string().optional().catch(undefined),
    code: z.string().optional().catch(undefined),
  }),
});
type Reply = z.infer<typeof replySchema>["data"];

type Waiter = { onReply: (d: Reply) => void };

export class TerminalSocket {
  private readonly waiters = new Map<string, Waiter>();
  private closeListeners: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly target: string,
  ) {
    ws.on("message", (raw) => {
      let frame: z.infer<typeof replySchema>;
      try {
        frame = replySchema.parse(JSON.parse(raw.toString()));
      } catch {
        return;
      }
      if (frame.invocationId) this.waiters.get(frame.invocationId)?.onReply(frame.data);
    });
    ws.on("close", () => this.onClosed());
    ws.on("error", () => this.onClosed());
  }

  static connect(
    wsUrl: string,
    token: string,
    opts: { target?: string; timeoutMs?: number } = {},
  ): Promise<TerminalSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, {
        headers: { "X-Access-Token": token },
        handshakeTimeout: opts.timeoutMs ?? 10_000,
      });
      // Keystrokes are tiny frames: do not let Nagle hold them back.
      ws.once("upgrade", (res) => res.socket.setNoDelay(true));
      ws.once("open", () => resolve(new TerminalSocket(ws, opts.target ?? "agb-embedded")));
      ws.once("unexpected-response", (_req, res) =>
        reject(
          new AgbError(
            res.statusCode === 401 ? "auth" : "protocol",
            `The session's stream socket refused the terminal (HTTP ${res.statusCode})`,
            { httpStatus: res.statusCode },
          ),
        ),
      );
      ws.once("error", (e) =>
        reject(new AgbError("network", `Cannot reach the session's stream socket: ${e.message}`, { cause: e })),
      );
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  onClose(cb: () => void): void {
    if (this.closed) cb();
    else this.closeListeners.push(cb);
  }

  private onClosed() {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters.values()) w.onReply({ phase: "error", error: "The session's stream socket closed" });
    this.waiters.clear();
    for (const cb of this.closeListeners) cb();
  }

  private send(invocationId: string, method: string, params: Record<string, unknown>) {
    this.ws.send(JSON.stringify({ invocationId, source: "SDK", target: this.target, data: { method, params } }));
  }

  /** One request answered by one `end` (its result) or `error`. */
  request(
    method: "terminal.list" | "terminal.open" | "terminal.input" | "terminal.resize" | "terminal.close",
    params: Record<string, unknown>,
    timeoutMs = 15_000,
  ): Promise<unknown> {
    if (this.closed) return Promise.reject(new AgbError("network", "The session's stream socket is closed"));
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new AgbError("timeout", `${method} got no answer within ${timeoutMs} ms`, { requestId: id }));
      }, timeoutMs);
      this.waiters.set(id, {
        onReply: (d) => {
          if (d.phase !== "end" && d.phase !== "error") return;
          clearTimeout(timer);
          this.waiters.delete(id);
          if (d.phase === "end") resolve(d.result);
          else
            reject(
              new AgbError(
                d.code === "not_found" ? "not_found" : d.code === "limit" ? "invalid_input" : "failed",
                d.error ?? `${method} failed`,
                { requestId: id },
              ),
            );
        },
      });
      this.send(id, method, params);
    });
  }

  /** Streams a terminal's scrollback, then its live output, until it exits or `detach()`. */
  attach(terminalId: string, onEvent: (e: TerminalEvent) => void): { detach(): void } {
    const id = randomUUID();
    let done = false;
    this.waiters.set(id, {
      onReply: (d) => {
        if (done) return;
        if (d.phase === "event" && d.eventType === "output" && d.chunk) onEvent({ type: "output", data: d.chunk });
        else if (d.phase === "event" && d.eventType === "exit")
          onEvent({
            type: "exit",
            reason: d.reason ?? "the terminal ended",
            exitCode: d.exitCode ?? null,
            pauses: d.pauses,
          });
        else if (d.phase === "error") {
          done = true;
          this.waiters.delete(id);
          onEvent({ type: "exit", reason: d.error ?? "the terminal is gone", exitCode: null });
        } else if (d.phase === "end") {
          done = true;
          this.waiters.delete(id);
        }
      },
    });
    this.send(id, "terminal.attach", { terminalId });
    return {
      detach: () => {
        if (done) return;
        done = true;
        this.waiters.delete(id);
        if (!this.closed) this.send(id, "terminal.detach", {});
      },
    };
  }

  close(): void {
    try {
      this.ws.close();
    } catch {
      /* already closed */
    }
    this.onClosed();
  }
}
