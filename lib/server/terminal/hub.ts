import "server-only";
// The dashboard's relay of a session's terminals. Next route handlers cannot upgrade to a
// WebSocket, so the browser gets a terminal's output as Server-Sent Events and sends keystrokes and
// resizes as small same-origin POSTs; this module keeps one WebSocket per session to the backend
// (opened on first use, closed after a while unused) and multiplexes every terminal over it.
import { TerminalSocket, terminalListSchema, terminalInfoSchema, type TerminalEvent } from "@/lib/agb/terminal";
import type { AgbClient } from "@/lib/agb/client";
import { terminalIdPattern, type TerminalInfo, type TerminalList } from "@/lib/api/schemas/terminal";
import { HttpError } from "../errors";
import { consoleSession } from "../console/session-tools";

const IDLE_CLOSE_MS = 120_000;

interface Entry {
  socket: Promise<TerminalSocket>;
  users: number;
  idleTimer: NodeJS.Timeout | null;
}

// One map per server process even if Next bundles this module into several route chunks.
const KEY = Symbol.for("agb-dashboard.terminal-sockets");
const sockets: Map<string, Entry> = ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, Entry>) ?? new Map();
(globalThis as Record<symbol, unknown>)[KEY] = sockets;

/** The session offers terminals when its tool list names `terminal` and it has a stream socket. */
export async function terminalsSupported(agb: AgbClient, sessionId: string): Promise<boolean> {
  const s = await consoleSession(agb, sessionId);
  return s.tools.has("terminal") && Boolean(s.wsUrl && s.token);
}

async function withSocket<T>(agb: AgbClient, sessionId: string, fn: (sock: TerminalSocket) => Promise<T>): Promise<T> {
  let e = sockets.get(sessionId);
  if (!e) {
    const s = await consoleSession(agb, sessionId);
    if (!s.tools.has("terminal") || !s.wsUrl || !s.token)
      throw new HttpError(404, "no_terminal", "This backend offers no terminal (AGB has none); use the Commands tab.");
    const socket = TerminalSocket.connect(s.wsUrl, s.token, { target: s.runCodeServer || undefined });
    const entry: Entry = { socket, users: 0, idleTimer: null };
    e = entry;
    sockets.set(sessionId, entry);
    socket.then(
      (sock) => sock.onClose(() => sockets.get(sessionId) === entry && sockets.delete(sessionId)),
      () => sockets.get(sessionId) === entry && sockets.delete(sessionId),
    );
  }
  const entry = e;
  entry.users++;
  if (entry.idleTimer) clearTimeout(entry.idleTimer);
  entry.idleTimer = null;
  try {
    return await fn(await entry.socket);
  } finally {
    entry.users--;
    if (entry.users === 0) {
      entry.idleTimer = setTimeout(() => {
        if (entry.users === 0 && sockets.get(sessionId) === entry) {
          sockets.delete(sessionId);
          void entry.socket.then(
            (s) => s.close(),
            () => {},
          );
        }
      }, IDLE_CLOSE_MS);
      entry.idleTimer.unref();
    }
  }
}

function checkTid(tid: string): string {
  if (!terminalIdPattern.test(tid)) throw new HttpError(404, "not_found", `No terminal "${tid.slice(0, 80)}"`);
  return tid;
}

export async function listTerminals(agb: AgbClient, sessionId: string): Promise<TerminalList> {
  if (!(await terminalsSupported(agb, sessionId))) return { supported: false, terminals: [], maxPerSession: 0 };
  const r = terminalListSchema.parse(await withSocket(agb, sessionId, (s) => s.request("terminal.list", {})));
  return { supported: true, terminals: r.terminals, maxPerSession: r.limits.maxPerSession };
}

export async function openTerminal(
  agb: AgbClient,
  sessionId: string,
  size: { cols: number; rows: number },
): Promise<TerminalInfo> {
  return terminalInfoSchema.parse(await withSocket(agb, sessionId, (s) => s.request("terminal.open", size)));
}

export async function terminalInput(agb: AgbClient, sessionId: string, tid: string, data: string): Promise<void> {
  await withSocket(agb, sessionId, (s) => s.request("terminal.input", { terminalId: checkTid(tid), data }));
}

export async function resizeTerminal(
  agb: AgbClient,
  sessionId: string,
  tid: string,
  size: { cols: number; rows: number },
): Promise<void> {
  await withSocket(agb, sessionId, (s) => s.request("terminal.resize", { terminalId: checkTid(tid), ...size }));
}

export async function closeTerminal(agb: AgbClient, sessionId: string, tid: string): Promise<void> {
  await withSocket(agb, sessionId, (s) => s.request("terminal.close", { terminalId: checkTid(tid) }));
}

const enc = new TextEncoder();
const sse = (e: TerminalEvent) =>
  enc.encode(
    e.type === "output"
      ? `event: output\ndata: ${JSON.stringify(e.data)}\n\n`
      : `event: exit\ndata: ${JSON.stringify(e)}\n\n`,
  );

/** The terminal's recent output, then its live output, as Server-Sent Events until it exits or the browser leaves. */
export async function streamTerminal(
  agb: AgbClient,
  sessionId: string,
  tid: string,
  signal: AbortSignal,
): Promise<Response> {
  checkTid(tid);
  if (!(await terminalsSupported(agb, sessionId)))
    throw new HttpError(404, "no_terminal", "This backend offers no terminal (AGB has none); use the Commands tab.");
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const end = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        stop();
        try {
          controller.close();
        } catch {
          /* the browser went away */
        }
      };
      const ping = setInterval(() => !closed && controller.enqueue(enc.encode(": ping\n\n")), 15_000);
      signal.addEventListener("abort", end, { once: true });
      // Holds the session's socket for as long as the stream lives.
      void withSocket(
        agb,
        sessionId,
        (sock) =>
          new Promise<void>((resolve) => {
            // Output is coalesced per event-loop turn, as the runtime does: frames that queued up
            // while this process was busy go to the browser as one event.
            let pending = "";
            const flush = () => {
              if (!pending || closed) return;
              controller.enqueue(sse({ type: "output", data: pending }));
              pending = "";
            };
            const a = sock.attach(tid, (e) => {
              if (closed) return;
              if (e.type === "output") {
                if (!pending) setImmediate(flush);
                pending += e.data;
                return;
              }
              flush();
              controller.enqueue(sse(e));
              end();
            });
            sock.onClose(() => {
              flush();
              if (!closed)
                controller.enqueue(
                  sse({ type: "exit", reason: "the connection to the session was lost", exitCode: null }),
                );
              end();
            });
            stop = () => {
              a.detach();
              resolve();
            };
            if (closed) stop();
          }),
      ).catch((e: Error) => {
        if (!closed) controller.enqueue(sse({ type: "exit", reason: e.message, exitCode: null }));
        end();
      });
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
