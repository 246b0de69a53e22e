/**
 * WebSocket streaming of run_code (docs/protocol.md, "Streaming") on `/ws?sessionId=<id>`.
 *
 * The upgrade must carry the session's token in `X-Access-Token` (or `?token=`, as the cloud's wsUrl
 * may); anything else is refused with HTTP 401 before the upgrade. A frame
 * `{invocationId, data:{method:"run_code", params:{language, timeoutS, code}}}` runs the cell in the
 * session's kernel and answers, under the same invocationId, `phase:"event"` frames for stdout,
 * stderr and results as they happen, then one `phase:"end"`. `{"type":"ping"}` heartbeats get no
 * reply. Every run resets the session's idle clock, like a tool call. Frames whose method starts with
 * `terminal.` drive the session's interactive terminals (lib/runtime/terminal/frames.ts).
 */
import crypto from "node:crypto";
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { undocumentedStreamFrame } from "../http/agb-surface";
import type { RuntimeDeps } from "../http/context";
import { AgentError } from "../sandbox/agent-client";
import { runCode, type RunCodeResult } from "../tools/code";
import { parseTerminalFrame } from "../terminal/frames";
import { terminalSocket } from "../terminal/socket";
import { parseFrame, type StreamRequest } from "./frames";

export const WS_PATH = "/ws";
const SOURCE = "agb-embedded";
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string) {
  const body = JSON.stringify({ success: false, code: status === 401 ? "InvalidToken" : "NotFound", message: reason });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Not Found"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function attachStreaming(server: http.Server, deps: RuntimeDeps): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== WS_PATH)
      return refuse(socket, 404, `no WebSocket endpoint at ${url.pathname}; use ${WS_PATH}?sessionId=<id>`);
    const sessionId = url.searchParams.get("sessionId") ?? "";
    const s = sessionId ? deps.sessions.findAny(sessionId) : undefined;
    const header = req.headers["x-access-token"];
    const token = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("token") ?? undefined;
    // Same answer for an unknown session and a wrong token: the endpoint does not reveal which ids exist.
    if (!s || !tokenMatches(s.token, token)) {
      deps.log.info({ sessionId, hasToken: Boolean(token) }, "ws upgrade refused");
      return refuse(socket, 401, "invalid session or access token (send the session's token in X-Access-Token)");
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, s.id));
  });

  function send(ws: WebSocket, invocationId: string, data: Record<string, unknown>) {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ invocationId, source: SOURCE, target: "SDK", data }));
  }

  function serve(ws: WebSocket, sessionId: string) {
    const terminal = terminalSocket(ws, deps, sessionId, (id, data) => send(ws, id, data));
    ws.on("message", (raw, isBinary) => {
      const text = isBinary ? null : raw.toString();
      // Strict mode: a method AGB does not document is unknown, whatever the runtime can do.
      const hidden = deps.config.strict ? undocumentedStreamFrame(text) : null;
      if (hidden)
        return void (hidden.invocationId && send(ws, hidden.invocationId, { phase: "error", error: hidden.error }));
      const tf = parseTerminalFrame(text);
      if (tf.kind === "request") return void terminal(tf.request);
      if (tf.kind === "invalid")
        return tf.invocationId ? send(ws, tf.invocationId, { phase: "error", error: tf.error }) : undefined;
      const frame = parseFrame(text);
      if (frame.kind === "ping") return;
      if (frame.kind === "invalid") {
        if (frame.invocationId) send(ws, frame.invocationId, { phase: "error", error: frame.error });
        else deps.log.debug({ sessionId, err: frame.error }, "ws frame without invocationId ignored");
        return;
      }
      void handle(ws, sessionId, frame.request);
    });
    ws.on("error", (e) => deps.log.debug({ sessionId, err: e.message }, "ws error"));
  }

  async function handle(ws: WebSocket, sessionId: string, r: StreamRequest) {
    const s = deps.sessions.findAny(sessionId);
    if (!s) return send(ws, r.invocationId, { phase: "error", error: `Session ${sessionId} not found (released)` });
    deps.sessions.touch(s);
    const t0 = Date.now();
    try {
      const sb = await deps.sessions.sandboxFor(s);
      await sb.ensureRunning();
      if (r.method === "interrupt") {
        const res = await sb.client.call("interrupt", r.language ? { language: r.language } : {}, {
          timeoutMs: 10_000,
        });
        return send(ws, r.invocationId, { phase: "end", status: "completed", result: res });
      }
      const res: RunCodeResult = await runCode(
        sb.client,
        { code: r.code, language: r.language!, timeout_s: r.timeoutS },
        (ev) => {
          const e = ev as { type?: string; chunk?: string; result?: Record<string, unknown> };
          if (e.type === "stdout" || e.type === "stderr")
            send(ws, r.invocationId, { phase: "event", eventType: e.type, chunk: e.chunk ?? "" });
          else if (e.type === "result" && e.result) {
            const { isMainResult, ...mime } = e.result;
            send(ws, r.invocationId, {
              phase: "event",
              eventType: "result",
              result: { mime, isMainResult: Boolean(isMainResult) },
            });
          }
        },
        s.slot,
      );
      send(ws, r.invocationId, {
        phase: "end",
        status: res.executionError ? "failed" : "completed",
        executionCount: res.execution_count ?? 0,
        executionTime: res.execution_time,
        executionError: res.executionError ?? "",
        ...(res.error ? { error: res.error } : {}),
      });
    } catch (e) {
      const msg =
        e instanceof AgentError && e.kind === "dead"
          ? `${e.message} (the next run starts the session's sandbox again)`
          : (e as Error).message;
      if (!(e instanceof AgentError)) deps.log.error({ sessionId, err: (e as Error).stack }, "ws run failed");
      send(ws, r.invocationId, {
        phase: "event",
        eventType: "error",
        error: { code: "ToolError", message: msg, traceId: r.invocationId },
      });
      send(ws, r.invocationId, {
        phase: "end",
        status: "failed",
        executionCount: 0,
        executionTime: (Date.now() - t0) / 1000,
        executionError: msg,
      });
    } finally {
      const cur = deps.sessions.findAny(sessionId);
      if (cur) deps.sessions.touch(cur);
    }
  }

  return {
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
