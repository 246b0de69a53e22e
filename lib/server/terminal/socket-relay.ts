import "server-only";
// The browser's terminal WebSocket, served by the dashboard's own server (server.ts) on
// `terminalSocket.path`: keystrokes and resizes in, output out, on one socket. It replaced SSE out +
// one POST per keystroke in (a route handler cannot upgrade), which cost a request per key.
// The upgrade is refused, before any WebSocket exists, without a live login (the same DB-backed
// check as every route), from a foreign Origin (a WebSocket is not bound by CORS, so any site could
// otherwise open one with the user's cookie) and below the operator role.
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { safeParse } from "zod/v4/core";
import { terminalSocket } from "@/lib/api/endpoints";
import { roleAtLeast } from "@/lib/api/roles";
import {
  terminalClientFrame,
  terminalIdPattern,
  type TerminalClientFrame,
  type TerminalServerFrame,
} from "@/lib/api/schemas/terminal";
import { isAgbError } from "@/lib/agb/errors";
import { getAgb } from "../agb";
import { principalFromToken } from "../auth/login-sessions";
import { originMatches } from "../auth/origin";
import { sessionTokenFrom } from "../auth/session-token";
import { errorBody, HttpError, refusals, SESSION_ID } from "../errors";
import { log } from "../log";
import { attachTerminal, closeTerminalSockets, type TerminalAttachment } from "./hub";

const PATH = new RegExp(`^${terminalSocket.path.replace(/\[\w+\]/g, "([^/]+)")}$`);
/** A paste larger than the input frame's limit is refused by zod; this bounds what is read at all. */
const MAX_FRAME_BYTES = 2 * 1024 * 1024;
/** Pings keep proxies from closing a quiet terminal's socket. */
const PING_MS = 25_000;

const pathOf = (req: IncomingMessage) => (req.url ?? "").split("?")[0];

/** Whether an upgrade request is for a terminal socket (anything else goes to Next). */
export const isTerminalSocket = (req: IncomingMessage): boolean => PATH.test(pathOf(req));

function headersOf(req: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") h.set(k, v);
  return h;
}

/** Answers a refused upgrade with the API's JSON error shape and closes the connection. */
function refuse(socket: Duplex, status: number, code: string, message: string) {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const refuseWith = (socket: Duplex, e: HttpError) => refuse(socket, e.status, e.code, e.message);

const describe = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join(".") || "(frame)"}: ${i.message}`).join("; ");

export function createTerminalRelay() {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Keystrokes and echoes are tiny frames: Nagle must not hold them back.
    (socket as Duplex & { setNoDelay?: (b: boolean) => void }).setNoDelay?.(true);
    const m = PATH.exec(pathOf(req));
    if (!m) return refuse(socket, 404, "not_found", "No such WebSocket");
    let id: string, tid: string;
    try {
      [id, tid] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    } catch {
      return refuse(socket, 404, "not_found", "Malformed terminal path");
    }
    const headers = headersOf(req);
    const user = await principalFromToken(sessionTokenFrom(headers.get("cookie")));
    if (!user) return refuseWith(socket, refusals.notLoggedIn());
    if (!originMatches(headers, { host: headers.get("host") ?? "", protocol: "http:" }))
      return refuse(
        socket,
        403,
        "cross_origin",
        "This terminal socket must be opened from the dashboard's own pages (the Origin header is missing or foreign).",
      );
    if (!roleAtLeast(user.role, terminalSocket.role))
      return refuseWith(socket, refusals.roleTooLow(user.role, terminalSocket.role));
    if (!SESSION_ID.test(id)) return refuseWith(socket, refusals.noSuchSession(id));
    if (!terminalIdPattern.test(tid)) return refuse(socket, 404, "not_found", `No terminal "${tid.slice(0, 80)}"`);
    wss.handleUpgrade(req, socket, head, (ws) => relay(ws, id, tid));
  }

  return {
    isTerminalSocket,
    upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      upgrade(req, socket, head).catch((e: Error) => {
        log.error({ err: e.message }, "terminal socket upgrade failed");
        refuse(socket, 500, "internal", "The terminal socket could not be opened.");
      }),
    /** Ends every terminal socket and the sockets to the sessions (the server is stopping); the terminals live on. */
    close() {
      for (const ws of wss.clients) ws.close(1001, "the dashboard is restarting");
      wss.close();
      closeTerminalSockets();
    },
  };
}

function relay(ws: WebSocket, sessionId: string, tid: string) {
  const sendControl = (f: TerminalServerFrame) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(f));
  const fail = (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const requestId = e instanceof HttpError ? e.extra.requestId : isAgbError(e) ? e.requestId : undefined;
    sendControl({ type: "error", message, ...(requestId ? { requestId } : {}) });
  };
  let closed = false;
  // The first output of an event-loop turn goes at once (a lone echo waits for nothing); what
  // follows in the same turn (a flood) goes as one frame when the turn ends.
  let pending = "";
  let turn = false;
  const send = (data: string) => ws.send(Buffer.from(data, "utf8"), { binary: true });
  const flush = () => {
    turn = false;
    if (!pending || closed) return;
    send(pending);
    pending = "";
  };
  const attached: Promise<TerminalAttachment | null> = attachTerminal(getAgb(), sessionId, tid, (e) => {
    if (closed) return;
    if (e.type === "output") {
      if (turn) pending += e.data;
      else {
        turn = true;
        setImmediate(flush);
        send(e.data);
      }
      return;
    }
    flush();
    sendControl({ type: "exit", reason: e.reason, exitCode: e.exitCode });
    ws.close(1000, "the terminal ended");
  }).catch((e: unknown) => {
    fail(e);
    ws.close(1011, "the terminal cannot be attached");
    return null;
  });
  const ping = setInterval(() => ws.ping(), PING_MS);
  ws.on("close", () => {
    closed = true;
    clearInterval(ping);
    void attached.then((a) => a?.detach());
  });
  ws.on("message", (raw: RawData, isBinary: boolean) => {
    if (isBinary) return fail(new Error("terminal frames are JSON text"));
    let json: unknown;
    try {
      json = JSON.parse(raw.toString());
    } catch (e) {
      return fail(new Error(`a terminal frame is not valid JSON: ${(e as Error).message}`));
    }
    const r = safeParse(terminalClientFrame, json);
    if (!r.success) return fail(new Error(`a terminal frame is invalid: ${describe(r.error.issues)}`));
    const f = r.data as TerminalClientFrame;
    // Chained on the attachment: frames sent before it is ready keep their order.
    void attached.then((a) => {
      if (!a) return;
      const sent = f.type === "input" ? a.input(f.data) : a.resize({ cols: f.cols, rows: f.rows });
      sent.catch(fail);
    });
  });
}
