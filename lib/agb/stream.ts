import "server-only";
// Streaming run_code over the session's WebSocket (docs/protocol.md, "Streaming"). One connection per run: the
// dashboard relays a single run to one browser request, so reuse would buy nothing.
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { z } from "zod";
import { AgbError } from "./errors";

export type StreamEvent =
  | { type: "stdout" | "stderr"; chunk: string }
  | { type: "result"; result: Record<string, unknown> }
  | { type: "error"; error: { name: string; value: string; traceback: string } }
  | { type: "end"; ok: boolean; executionCount: number | null; executionTimeS: number | null; requestId: string };

const frameSchema = z.looseObject({
  invocationId: z.string().optional().catch(undefined),
  requestId: z.string().optional().catch(undefined),
  data: z.unknown(),
});
const dataSchema = z.looseObject({
  phase: z.string().optional().catch(undefined),
  eventType: z.string().optional().catch(undefined),
  chunk: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
  status: z.string().optional().catch(undefined),
  executionCount: z.number().optional().catch(undefined),
  executionTime: z.number().optional().catch(undefined),
  executionError: z.string().optional().catch(undefined),
});

export interface StreamParams {
  wsUrl: string;
  token: string;
  /** The run_code tool's `server` from the session's toolList; the SDK defaults to "wuying_codespace". */
  target?: string;
  language: string;
  code: string;
  timeoutS: number;
  signal?: AbortSignal;
  connectTimeoutMs?: number;
  /** Called once the WebSocket is open and the run request was sent. */
  onOpen?: () => void;
}

/** Runs code and calls `onEvent` for each event; always ends with exactly one `end` event unless it throws first. */
export function runCodeStream(p: StreamParams, onEvent: (e: StreamEvent) => void): Promise<void> {
  const invocationId = randomUUID().replace(/-/g, "");
  return new Promise<void>((resolve, reject) => {
    let done = false;
    let failed = false;
    const ws = new WebSocket(p.wsUrl, {
      headers: { "X-Access-Token": p.token },
      handshakeTimeout: p.connectTimeoutMs ?? 10_000,
    });
    const finish = (err?: AgbError) => {
      if (done) return;
      done = true;
      clearTimeout(overall);
      p.signal?.removeEventListener("abort", onAbort);
      try {
        ws.close();
      } catch {
        /* already closed */
      }
      if (err) reject(err);
      else resolve();
    };
    const overall = setTimeout(
      () =>
        finish(
          new AgbError("timeout", `The code stream did not end within ${p.timeoutS + 15} s`, {
            requestId: invocationId,
          }),
        ),
      (p.timeoutS + 15) * 1000,
    );
    const onAbort = () => finish(new AgbError("timeout", "The code stream was cancelled", { requestId: invocationId }));
    if (p.signal?.aborted) return onAbort();
    p.signal?.addEventListener("abort", onAbort, { once: true });

    ws.on("open", () => {
      ws.send(
        JSON.stringify({
          invocationId,
          source: "SDK",
          target: p.target || "wuying_codespace",
          data: {
            method: "run_code",
            mode: "stream",
            params: { language: p.language, timeoutS: p.timeoutS, code: p.code },
          },
        }),
      );
      p.onOpen?.();
    });
    ws.on("message", (raw) => {
      let frame: z.infer<typeof frameSchema>;
      try {
        frame = frameSchema.parse(JSON.parse(raw.toString()));
      } catch {
        return finish(
          new AgbError("protocol", "The code stream sent a frame that is not JSON", { requestId: invocationId }),
        );
      }
      const id = frame.invocationId || frame.requestId;
      if (id !== invocationId) return; // heartbeats and push messages for others
      let dataRaw = frame.data;
      if (typeof dataRaw === "string") {
        try {
          dataRaw = JSON.parse(dataRaw);
        } catch {
          return finish(new AgbError("protocol", "The code stream sent unreadable data", { requestId: invocationId }));
        }
      }
      const d = dataSchema.safeParse(dataRaw);
      if (!d.success)
        return finish(
          new AgbError("protocol", "The code stream sent a frame without data", { requestId: invocationId }),
        );
      const data = d.data;
      if (typeof data.error === "string" && data.error)
        return finish(new AgbError("failed", `Code stream error: ${data.error}`, { requestId: invocationId }));
      if (data.phase === "event") {
        if ((data.eventType === "stdout" || data.eventType === "stderr") && typeof data.chunk === "string")
          onEvent({ type: data.eventType, chunk: data.chunk });
        else if (data.eventType === "result") {
          const r = (data.result ?? {}) as { mime?: unknown; isMainResult?: unknown };
          const mime = r.mime && typeof r.mime === "object" ? (r.mime as Record<string, unknown>) : {};
          onEvent({ type: "result", result: { ...mime, isMainResult: Boolean(r.isMainResult) } });
        } else if (data.eventType === "error") {
          const e = (data.error ?? {}) as { code?: unknown; message?: unknown; traceId?: unknown };
          failed = true;
          onEvent({
            type: "error",
            error: {
              name: String(e.code ?? "Error"),
              value: String(e.message ?? ""),
              traceback: e.traceId ? `traceId=${String(e.traceId)}` : "",
            },
          });
        }
        return;
      }
      if (data.phase === "end") {
        if (data.executionError) {
          failed = true;
          onEvent({ type: "error", error: { name: "ExecutionError", value: data.executionError, traceback: "" } });
        }
        onEvent({
          type: "end",
          ok: !failed && data.status !== "failed",
          executionCount: data.executionCount ?? null,
          executionTimeS: data.executionTime ?? null,
          requestId: invocationId,
        });
        return finish();
      }
      if (data.phase === "error")
        return finish(new AgbError("failed", "The code stream reported an error", { requestId: invocationId }));
      return finish(
        new AgbError("protocol", `The code stream sent an unknown phase "${data.phase ?? ""}"`, {
          requestId: invocationId,
        }),
      );
    });
    ws.on("unexpected-response", (_req, res) => {
      const kind =
        res.statusCode === 401 || res.statusCode === 403 ? "auth" : res.statusCode === 404 ? "not_found" : "protocol";
      finish(
        new AgbError(kind, `The code stream was refused (HTTP ${res.statusCode})`, {
          requestId: invocationId,
          httpStatus: res.statusCode,
        }),
      );
    });
    ws.on("error", (e) =>
      finish(
        new AgbError("network", `Cannot reach the code stream: ${e.message}`, { requestId: invocationId, cause: e }),
      ),
    );
    ws.on("close", () =>
      finish(new AgbError("network", "The code stream closed before the run ended", { requestId: invocationId })),
    );
  });
}
