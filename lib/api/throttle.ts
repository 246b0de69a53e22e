// The browser's side of AGB throttling. The server answers 429 `agb_throttled` with Retry-After
// when AGB keeps limiting it; react-query then retries (queries and mutations alike, so an edit in
// flight is not lost) after that wait or an exponential backoff with jitter, whichever is longer,
// and the wait is published here for the "AGB is limiting requests" notice.
import { ApiError } from "./client";

export const MAX_THROTTLED_RETRIES = 8;

export const isThrottled = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status === 429 && e.code === "agb_throttled";

/** Wait before retry `attempt` (0-based): at least Retry-After, doubling from 1 s up to 30 s, ±25 % jitter. */
export function throttleDelay(attempt: number, e: ApiError): number {
  const backoff = Math.min(30_000, 1_000 * 2 ** attempt);
  const base = Math.max(e.retryAfterMs, backoff);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

type Listener = () => void;
let retryAt = 0;
const listeners = new Set<Listener>();

/** Records that a retry will happen in `ms`, and returns `ms` (for use inside retryDelay). */
export function noteThrottled(ms: number): number {
  retryAt = Math.max(retryAt, Date.now() + ms);
  listeners.forEach((l) => l());
  return ms;
}

/** When the next throttled retry happens (epoch ms); 0 or past means none is pending. */
export const throttleRetryAt = () => retryAt;

export function subscribeThrottle(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
