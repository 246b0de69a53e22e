import "server-only";
// Login throttling, in memory per dashboard instance (several instances each keep their own
// counts). Per client: 10 failed attempts per 15 minutes. The client key is the first
// X-Forwarded-For entry, which Next sets from the socket when absent; because a client can
// send its own, a global brake (100 failures a minute) bounds guessing from spoofed keys.
const WINDOW_MS = 15 * 60_000;
const PER_CLIENT = 10;
const GLOBAL_WINDOW_MS = 60_000;
const GLOBAL_MAX = 100;
const MAX_KEYS = 10_000;

const failures = new Map<string, number[]>();
let globalFailures: number[] = [];

const prune = (ts: number[], windowMs: number, now: number) => ts.filter((t) => now - t < windowMs);

export function clientKey(headers: Headers): string {
  const xff = headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || "local";
}

/** Milliseconds to wait before another attempt is allowed, or 0. */
export function retryAfterMs(key: string, now = Date.now()): number {
  globalFailures = prune(globalFailures, GLOBAL_WINDOW_MS, now);
  if (globalFailures.length >= GLOBAL_MAX) return GLOBAL_WINDOW_MS - (now - globalFailures[0]);
  const ts = prune(failures.get(key) ?? [], WINDOW_MS, now);
  if (ts.length === 0) failures.delete(key);
  else failures.set(key, ts);
  return ts.length >= PER_CLIENT ? WINDOW_MS - (now - ts[0]) : 0;
}

export function recordFailure(key: string, now = Date.now()): void {
  if (failures.size >= MAX_KEYS && !failures.has(key)) failures.delete(failures.keys().next().value as string);
  failures.set(key, [...(failures.get(key) ?? []), now]);
  globalFailures.push(now);
}

export function recordSuccess(key: string): void {
  failures.delete(key);
}

/** For tests. */
export function resetRateLimits(): void {
  failures.clear();
  globalFailures = [];
}
