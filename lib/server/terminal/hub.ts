import "server-only";
// The dashboard's side of a session's terminals: one WebSocket per session to the backend (opened
// on first use, closed after a while unused) with every terminal multiplexed over it. The routes
// list, open and close terminals; the browser's terminal WebSocket (socket-relay.ts) attaches.
import { TerminalSocket, terminalListSchema, terminalInfoSchema, type TerminalEvent } from "@/lib/agb/terminal";
import type { AgbClient } from "@/lib/agb/client";
import { terminalIdPattern, type TerminalInfo, type TerminalList } from "@/lib/api/schemas/terminal";
import { HttpError } from "../errors";
import { processGlobal } from "../process-global";
import { consoleSession, type ConsoleSession } from "../console/session-tools";

const IDLE_CLOSE_MS = 120_000;

interface Entry {
  socket: Promise<TerminalSocket>;
  users: number;
  idleTimer: NodeJS.Timeout | null;
}

// One map per server process even if Next bundles this module into several route chunks.
const sockets = processGlobal("terminal-sockets", () => new Map<string, Entry>());

/** The session offers terminals when its tool list names `terminal` and it has a stream socket. */
const offersTerminals = (s: ConsoleSession) => s.tools.has("terminal") && Boolean(s.wsUrl && s.token);

export async function terminalsSupported(agb: AgbClient, sessionId: string): Promise<boolean> {
  return offersTerminals(await consoleSession(agb, sessionId));
}

/** Forgets a session's socket and closes it. */
function drop(sessionId: string, entry: Entry): void {
  sockets.delete(sessionId);
  if (entry.idleTimer) clearTimeout(entry.idleTimer);
  void entry.socket.then(
    (s) => s.close(),
    () => {},
  );
}

async function withSocket<T>(agb: AgbClient, sessionId: string, fn: (sock: TerminalSocket) => Promise<T>): Promise<T> {
  let e = sockets.get(sessionId);
  if (!e) {
    const s = await consoleSession(agb, sessionId);
    if (!offersTerminals(s))
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
        if (entry.users === 0 && sockets.get(sessionId) === entry) drop(sessionId, entry);
      }, IDLE_CLOSE_MS);
      entry.idleTimer.unref();
    }
  }
}

/** Closes every session's socket (the server is stopping). */
export function closeTerminalSockets(): void {
  for (const [id, e] of sockets) drop(id, e);
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

export async function closeTerminal(agb: AgbClient, sessionId: string, tid: string): Promise<void> {
  await withSocket(agb, sessionId, (s) => s.request("terminal.close", { terminalId: checkTid(tid) }));
}

/** A browser's hold on one terminal: its output until it exits or `detach()`, and its input. */
export interface TerminalAttachment {
  input(data: string): Promise<unknown>;
  resize(size: { cols: number; rows: number }): Promise<unknown>;
  detach(): void;
}

/**
 * Attaches to a terminal: `onEvent` gets its recent output, then its live output, then one `exit`
 * (the shell ended, the terminal is gone, or the session's socket was lost). Holds the session's
 * socket until the exit or `detach()`.
 */
export function attachTerminal(
  agb: AgbClient,
  sessionId: string,
  tid: string,
  onEvent: (e: TerminalEvent) => void,
): Promise<TerminalAttachment> {
  checkTid(tid);
  return new Promise((resolve, reject) => {
    withSocket(
      agb,
      sessionId,
      (sock) =>
        new Promise<void>((release) => {
          let done = false;
          const finish = () => {
            if (done) return;
            done = true;
            a.detach();
            release();
          };
          const a = sock.attach(tid, (e) => {
            if (done) return;
            onEvent(e);
            if (e.type === "exit") finish();
          });
          sock.onClose(() => {
            if (done) return;
            onEvent({ type: "exit", reason: "the connection to the session was lost", exitCode: null });
            finish();
          });
          // One terminal.input in flight at a time, what is typed meanwhile in the next (as the
          // protocol asks): the runtime may run two inputs at once, and keystrokes must not swap.
          let typed = "";
          let sending: Promise<void> | null = null;
          const pump = async () => {
            while (typed) {
              const data = typed;
              typed = "";
              await sock.request("terminal.input", { terminalId: tid, data });
            }
          };
          resolve({
            input: (data) => {
              typed += data;
              sending ??= pump().finally(() => (sending = null));
              return sending;
            },
            resize: (size) => sock.request("terminal.resize", { terminalId: tid, ...size }),
            detach: finish,
          });
        }),
    ).catch(reject);
  });
}
