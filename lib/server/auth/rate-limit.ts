import "server-only";
// Login throttling, in memory per dashboard instance (several instances each keep their own
// counts). Designed so that nobody can lock out a person who knows the password:
// - per client (its address, see client-address.ts): after 10 failures in 15 minutes that client
//   is refused (429) before its password is even checked;
// - per account (the one dashboard password): when more than 100 failures a minute arrive from
//   all clients together, the account is under attack and each client's allowance shrinks to 3.
//   That slows a guesser spread over many addresses, but a client that has not failed is always
//   checked, and a correct password is never refused because of other clients' failures.
const CLIENT_WINDOW_MS = 15 * 60_000;
const CLIENT_MAX = 10;
const CLIENT_MAX_UNDER_ATTACK = 3;
const ACCOUNT_WINDOW_MS = 60_000;
const ACCOUNT_MAX = 100;
const MAX_KEYS = 10_000;

const failures = new Map<string, number[]>();
let accountFailures: number[] = [];

const prune = (ts: number[], windowMs: number, now: number) => ts.filter((t) => now - t < windowMs);

export function accountUnderAttack(now = Date.now()): boolean {
  accountFailures = prune(accountFailures, ACCOUNT_WINDOW_MS, now);
  return accountFailures.length >= ACCOUNT_MAX;
}

/** Milliseconds this client must wait before another attempt is checked, or 0. */
export function retryAfterMs(client: string, now = Date.now()): number {
  const ts = prune(failures.get(client) ?? [], CLIENT_WINDOW_MS, now);
  if (ts.length === 0) {
    failures.delete(client);
    return 0;
  }
  failures.set(client, ts);
  const max = accountUnderAttack(now) ? CLIENT_MAX_UNDER_ATTACK : CLIENT_MAX;
  return ts.length >= max ? CLIENT_WINDOW_MS - (now - ts[ts.length - max]) : 0;
}

export function recordFailure(client: string, now = Date.now()): void {
  if (failures.size >= MAX_KEYS && !failures.has(client)) failures.delete(failures.keys().next().value as string);
  failures.set(client, [...(failures.get(client) ?? []), now].slice(-CLIENT_MAX));
  accountFailures.push(now);
  if (accountFailures.length > ACCOUNT_MAX * 2) accountFailures = accountFailures.slice(-ACCOUNT_MAX);
}

export function recordSuccess(client: string): void {
  failures.delete(client);
}

/** For tests. */
export function resetRateLimits(): void {
  failures.clear();
  accountFailures = [];
}
