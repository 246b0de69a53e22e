// Throttling answers. AGB answers a request it is rate limiting with HTTP 429 or an envelope whose
// code says so, before doing any work, so any request (a write too) may be sent again. The
// transport waits briefly a few times (exponential backoff with full jitter, so many clients do not
// retry in step); past its budget the caller gets a "throttled" AgbError carrying how long to wait.
import { looksThrottled } from "./errors";
import type { WireResponse } from "./transport";

export interface Throttle {
  code: string;
  /** AGB's Retry-After when it sent one, else 0. */
  retryAfterMs: number;
}

export function throttleOf(res: WireResponse): Throttle | null {
  const env = res.isJson && res.body && typeof res.body === "object" ? (res.body as Record<string, unknown>) : null;
  const code = typeof env?.code === "string" ? env.code : typeof env?.Code === "string" ? env.Code : "";
  const bodyStatus = env?.httpStatusCode ?? env?.HttpStatusCode;
  if (res.status !== 429 && bodyStatus !== 429 && !looksThrottled(code)) return null;
  return { code: code || "http_429", retryAfterMs: parseRetryAfter(res.retryAfter) };
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(v: string): number {
  if (!v) return 0;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

/** Full jitter: a uniform wait in [cap/2, cap] with cap = base·2^(attempt-1), at most maxMs. */
export function jitteredBackoff(attempt: number, baseMs: number, maxMs: number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}
