import "server-only";
// Login throttling, kept in the database so that it holds across instances. Designed so that
// nobody can lock out a person who knows the password:
// - per client (its address, see client-address.ts): after 10 failures in 15 minutes that client
//   is refused (429) before its password is even checked;
// - per account (a user name): when more than 100 failures a minute arrive for it from all clients
//   together, the account is under attack and each client's allowance shrinks to 3. That slows a
//   guesser spread over many addresses, but a client that has not failed is always checked, and a
//   correct password is never refused because of other clients' failures.
import { getDb } from "../db/db";

const CLIENT_WINDOW_MS = 15 * 60_000;
const CLIENT_MAX = 10;
const CLIENT_MAX_UNDER_ATTACK = 3;
const ACCOUNT_WINDOW_MS = 60_000;
const ACCOUNT_MAX = 100;

const clientKey = (client: string) => `ip:${client}`;
const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;

async function failuresSince(key: string, since: number, limit: number): Promise<number[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("login_failures")
    .select("at")
    .where("key", "=", key)
    .where("at", ">", since)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

export async function accountUnderAttack(username: string, now = Date.now()): Promise<boolean> {
  return (await failuresSince(accountKey(username), now - ACCOUNT_WINDOW_MS, ACCOUNT_MAX)).length >= ACCOUNT_MAX;
}

/** Milliseconds this client must wait before another attempt at this account is checked, or 0. */
export async function retryAfterMs(client: string, username: string, now = Date.now()): Promise<number> {
  const recent = await failuresSince(clientKey(client), now - CLIENT_WINDOW_MS, CLIENT_MAX); // newest first
  if (recent.length === 0) return 0;
  const max = (await accountUnderAttack(username, now)) ? CLIENT_MAX_UNDER_ATTACK : CLIENT_MAX;
  return recent.length >= max ? CLIENT_WINDOW_MS - (now - recent[max - 1]) : 0;
}

export async function recordFailure(client: string, username: string, now = Date.now()): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("login_failures")
    .values([
      { key: clientKey(client), at: now },
      { key: accountKey(username), at: now },
    ])
    .execute();
  // Old rows count for nothing; sweep them now and then rather than on every failure.
  if (Math.random() < 0.05)
    await db
      .deleteFrom("login_failures")
      .where("at", "<", now - CLIENT_WINDOW_MS)
      .execute();
}

export async function recordSuccess(client: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("login_failures").where("key", "=", clientKey(client)).execute();
}

/** For tests. */
export async function resetRateLimits(): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("login_failures").execute();
}
