import "server-only";
// POST .../code/stream: relays the runtime's WebSocket run_code stream (docs/protocol.md, "Streaming") to the
// browser as Server-Sent Events. Without a wsUrl/token (or when the socket cannot be opened at
// all), the code runs once without streaming and its result is emitted as the same events.
import type { CodeStreamEvent } from "@/lib/api/schemas/console";
import { isAgbError, runCodeStream, type AgbClient, type CodeRun } from "@/lib/agb/client";
import { errorLine } from "@/lib/protocol/run-error";
import { agbErrorStatus } from "../errors";
import { consoleSession } from "./session-tools";

const enc = new TextEncoder();
const frame = (e: CodeStreamEvent) => enc.encode(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);

export function runToEvents(r: CodeRun): CodeStreamEvent[] {
  const out: CodeStreamEvent[] = [];
  for (const chunk of r.stdout) out.push({ type: "stdout", chunk });
  for (const chunk of r.stderr) out.push({ type: "stderr", chunk });
  for (const result of r.results) out.push({ type: "result", result });
  if (r.error) out.push({ type: "error", error: r.error });
  out.push({
    type: "end",
    ok: r.ok,
    executionCount: r.executionCount,
    executionTimeS: r.executionTimeS,
    requestId: r.requestId,
  });
  return out;
}

function errorEvents(e: unknown, requestId: string): CodeStreamEvent[] {
  const m = isAgbError(e) ? agbErrorStatus(e) : { code: "internal", message: "The stream failed unexpectedly" };
  const rid = (isAgbError(e) && e.requestId) || requestId;
  return [
    { type: "error", error: { name: m.code, value: m.message, traceback: "" } },
    { type: "end", ok: false, executionCount: null, executionTimeS: null, requestId: rid },
  ];
}

/** How a streamed run ended: its AGB requestId, and the error it raised ("ZeroDivisionError: division by zero"), if any. */
export type RunEnd = { requestId: string | null; error?: string };

export async function streamCode(
  agb: AgbClient,
  sessionId: string,
  p: { code: string; language: string; timeoutS: number },
  signal: AbortSignal,
  /** Told how the run ended when its end event goes out (for the audit record). */
  onEnd: (end: RunEnd) => void = () => {},
): Promise<Response> {
  // Fails before any byte is sent (404 for an unknown session, 503 when AGB is down).
  const s = await consoleSession(agb, sessionId);
  const abort = new AbortController();
  signal.addEventListener("abort", () => abort.abort(), { once: true });

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let error: string | undefined;
      const send = (e: CodeStreamEvent) => {
        if (e.type === "error") error = errorLine(e.error);
        if (e.type === "end") onEnd({ requestId: e.requestId || null, error });
        if (!closed) controller.enqueue(frame(e));
      };
      const ping = setInterval(() => !closed && controller.enqueue(enc.encode(": ping\n\n")), 15_000);
      const nonStreamed = async () => {
        const r = await agb.runCode(sessionId, p, { signal: abort.signal });
        runToEvents(r).forEach(send);
      };
      try {
        if (!s.wsUrl || !s.token) await nonStreamed();
        else {
          let opened = false;
          try {
            await runCodeStream(
              {
                wsUrl: s.wsUrl,
                token: s.token,
                target: s.runCodeServer,
                language: p.language,
                code: p.code,
                timeoutS: p.timeoutS,
                signal: abort.signal,
                onOpen: () => (opened = true),
              },
              send,
            );
          } catch (e) {
            if (opened || abort.signal.aborted) throw e;
            await nonStreamed();
          }
        }
      } catch (e) {
        if (!abort.signal.aborted) errorEvents(e, "").forEach(send);
      } finally {
        clearInterval(ping);
        closed = true;
        try {
          controller.close();
        } catch {
          /* the client went away */
        }
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}
