// Validates the SSE frames of POST /api/sessions/[id]/code/stream into CodeStreamEvent values.
// The server is ours, but the browser still checks the shape: a malformed frame becomes an
// explicit error instead of undefined fields deep in the renderer.
import type { CodeStreamEvent } from "@/lib/api/schemas/console";
import type { SseFrame } from "./sse-parser";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function toCodeStreamEvent(frame: SseFrame): CodeStreamEvent {
  let body: unknown;
  try {
    body = JSON.parse(frame.data);
  } catch {
    throw new Error(`The code stream sent a frame that is not JSON (event "${frame.event}")`);
  }
  if (!isObj(body)) throw new Error(`The code stream sent a non-object frame (event "${frame.event}")`);
  const type = typeof body.type === "string" ? body.type : frame.event;
  switch (type) {
    case "stdout":
    case "stderr":
      return { type, chunk: typeof body.chunk === "string" ? body.chunk : String(body.chunk ?? "") };
    case "result":
      if (!isObj(body.result)) throw new Error("The code stream sent a result without a MIME bundle");
      return { type, result: body.result };
    case "error": {
      const e = isObj(body.error) ? body.error : {};
      return {
        type,
        error: {
          name: typeof e.name === "string" ? e.name : "Error",
          value: typeof e.value === "string" ? e.value : typeof e.message === "string" ? e.message : "",
          traceback: typeof e.traceback === "string" ? e.traceback : "",
        },
      };
    }
    case "end":
      return {
        type,
        ok: body.ok === true,
        executionCount: numOrNull(body.executionCount),
        executionTimeS: numOrNull(body.executionTimeS),
        requestId: typeof body.requestId === "string" ? body.requestId : "",
      };
    default:
      throw new Error(`The code stream sent an unknown event "${type}"`);
  }
}
