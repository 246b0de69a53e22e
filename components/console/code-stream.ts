// POST /api/sessions/[id]/code/stream and hand each CodeStreamEvent to onEvent as it arrives.
// fetch + ReadableStream instead of EventSource because the run is a POST with a JSON body.
import { ApiError, apiUrl, errorOf } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { CodeStreamEvent, Language } from "@/lib/api/schemas/console";
import { SseParser } from "./sse-parser";
import { toCodeStreamEvent } from "./code-stream-event";

export interface StreamCodeInput {
  sessionId: string;
  language: Language;
  code: string;
  timeoutS?: number;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: errorOf says what the status was */
  }
  return errorOf(res, body);
}

/** Resolves with the `end` event; rejects with ApiError on HTTP errors or a cut stream. */
export async function streamCode(
  input: StreamCodeInput,
  onEvent: (ev: CodeStreamEvent) => void,
  signal?: AbortSignal,
): Promise<Extract<CodeStreamEvent, { type: "end" }>> {
  let res: Response;
  try {
    res = await fetch(apiUrl(endpoints.streamCode, { id: input.sessionId }), {
      method: endpoints.streamCode.method,
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ language: input.language, code: input.code, timeoutS: input.timeoutS ?? 60 }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "network", `Cannot reach the dashboard server: ${(e as Error).message}`);
  }
  if (!res.ok) throw await errorFrom(res);
  if (!res.body) throw new ApiError(res.status, "bad_response", "The code stream has no body");

  // Bytes decoded here rather than through a TextDecoderStream: its extra stream stage costs the
  // output a few promise turns on the way to the screen.
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let end: Extract<CodeStreamEvent, { type: "end" }> | null = null;
  const handle = (frames: ReturnType<SseParser["push"]>) => {
    let last: Extract<CodeStreamEvent, { type: "end" }> | null = null;
    for (const frame of frames) {
      const ev = toCodeStreamEvent(frame);
      onEvent(ev);
      if (ev.type === "end") last = ev;
    }
    return last;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      end = handle(parser.push(decoder.decode(value, { stream: true }))) ?? end;
    }
    end = handle(parser.push(decoder.decode())) ?? end;
    end = handle(parser.end()) ?? end;
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, "stream", `The code stream broke off: ${(e as Error).message}`);
  } finally {
    reader.releaseLock();
  }
  if (!end) throw new ApiError(0, "stream", "The code stream ended before the run finished");
  return end;
}
