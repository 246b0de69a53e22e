import "server-only";
// Two-layer success detection (docs/protocol.md, "Success and HTTP status"): HTTP status, then `success === true`, and for
// tool calls `!data.isError`. Failures become typed AgbErrors that keep the requestId.
import { AgbError, classify } from "./errors";
import type { WireResponse } from "./transport";
import { envelopeSchema, type Envelope } from "./wire-schemas";

export interface OkEnvelope {
  envelope: Envelope;
  data: unknown;
  requestId: string;
}

export function requestIdOf(res: WireResponse): string {
  if (res.isJson && res.body && typeof res.body === "object") {
    const id = (res.body as { requestId?: unknown }).requestId;
    if (typeof id === "string" && id) return id;
  }
  return res.headerRequestId;
}

/**
 * Checks an envelope. `exact200` mirrors the endpoints where the SDK requires HTTP 200 exactly
 * (ListSession, tool calls, keep-alive, release); elsewhere status < 400 is enough.
 */
export function expectOk(res: WireResponse, op: string, opts: { exact200?: boolean } = {}): OkEnvelope {
  const requestId = requestIdOf(res);
  if (!res.isJson || typeof res.body !== "object" || res.body === null || Array.isArray(res.body)) {
    const text = typeof res.body === "string" ? res.body.trim().slice(0, 300) : "";
    if (res.status === 401 || res.status === 403)
      throw new AgbError("auth", `AGB rejected the API key (${op}: HTTP ${res.status})`, {
        requestId,
        httpStatus: res.status,
      });
    throw new AgbError(
      "protocol",
      `AGB answered ${op} with HTTP ${res.status} and no JSON envelope${text ? `: ${text}` : ""}`,
      {
        requestId,
        httpStatus: res.status,
        code: `http_${res.status}`,
      },
    );
  }
  const parsed = envelopeSchema.safeParse(res.body);
  if (!parsed.success) throw new AgbError("protocol", `AGB answered ${op} with an unreadable envelope`, { requestId });
  const env = parsed.data;
  const httpOk = opts.exact200 ? res.status === 200 : res.status < 400;
  if (httpOk && env.success === true) return { envelope: env, data: env.data, requestId };

  const code = env.code ?? (res.status >= 400 ? `http_${res.status}` : "Unknown");
  const message = env.message?.trim() || (res.status >= 400 ? `HTTP ${res.status} error` : "Unknown error");
  const bodyStatus = env.httpStatusCode ?? res.status;
  const kind = res.status === 401 || res.status === 403 ? "auth" : classify(code, message, bodyStatus);
  throw new AgbError(kind, `${op}: ${message}`, { code, requestId, httpStatus: res.status });
}
