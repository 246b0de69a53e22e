import "server-only";
// Server-side logins. The cookie is a signed token (session-token.ts: proxy.ts can reject a forged
// or expired one without the database), and each login is a row keyed by the token's SHA-256, so
// logout, disabling a user and a password change end logins at once, on every instance.
import { createHash } from "node:crypto";
import type { Role } from "@/lib/api/roles";
import { loadConfig } from "../config";
import { getDb } from "../db/db";
import { readSessionSecret } from "./secret";
import { signSessionToken, verifySessionToken } from "./session-token";

/** Who is making a request. */
export interface Principal {
  userId: number;
  username: string;
  role: Role;
  /** The login's id (the token's hash): lets a user end their other logins but not this one. */
  loginId: string;
}

/** last_seen_at is written at most this often per login: an idle check needs no finer grain. */
const TOUCH_EVERY_MS = 60_000;

const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createLogin(
  userId: number,
  client: { ip: string; userAgent: string },
): Promise<{ token: string; expiresAt: Date }> {
  const secret = readSessionSecret();
  if (!secret) throw new Error("no session secret");
  const cfg = loadConfig();
  const now = Date.now();
  const { token, expiresAt } = await signSessionToken(secret, cfg.sessionTtlS, now);
  const db = await getDb();
  await db
    .insertInto("login_sessions")
    .values({
      id: tokenId(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt.getTime(),
      ip: client.ip.slice(0, 64),
      user_agent: client.userAgent.slice(0, 300),
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/** The principal behind a cookie token, or null when it is forged, expired, idle, ended or its user disabled. */
export async function principalFromToken(
  token: string | undefined | null,
  now = Date.now(),
): Promise<Principal | null> {
  const secret = readSessionSecret();
  if (!token || !secret || !(await verifySessionToken(secret, token, now))) return null;
  const db = await getDb();
  const id = tokenId(token);
  const row = await db
    .selectFrom("login_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.last_seen_at",
      "s.expires_at",
      "s.revoked_at",
      "u.id as userId",
      "u.username",
      "u.role",
      "u.disabled",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled !== 0 || row.expires_at <= now) return null;
  if (now - row.last_seen_at > loadConfig().sessionIdleS * 1000) return null;
  if (now - row.last_seen_at > TOUCH_EVERY_MS)
    await db.updateTable("login_sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  return { userId: row.userId, username: row.username, role: row.role, loginId: id };
}

export interface LoginInfo {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string;
  userAgent: string;
}

/** A user's logins that are still valid, newest first. */
export async function listLogins(userId: number, now = Date.now()): Promise<LoginInfo[]> {
  const db = await getDb();
  const idleMs = loadConfig().sessionIdleS * 1000;
  const rows = await db
    .selectFrom("login_sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .where("last_seen_at", ">", now - idleMs)
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

/** Ends one login of a user; false when it is not theirs or already ended. */
export async function endLogin(userId: number, loginId: string): Promise<boolean> {
  const db = await getDb();
  const r = await db
    .updateTable("login_sessions")
    .set({ revoked_at: Date.now() })
    .where("id", "=", loginId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every login of a user, but `exceptLoginId` (a password change keeps the changer logged in). */
export async function endAllLogins(userId: number, exceptLoginId?: string): Promise<number> {
  const db = await getDb();
  let q = db
    .updateTable("login_sessions")
    .set({ revoked_at: Date.now() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptLoginId) q = q.where("id", "!=", exceptLoginId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Forgets logins that ended or expired long ago (run with the audit retention sweep). */
export async function pruneLogins(now = Date.now()): Promise<void> {
  const db = await getDb();
  const dayAgo = now - 24 * 3600_000;
  await db
    .deleteFrom("login_sessions")
    .where((eb) => eb.or([eb("expires_at", "<", dayAgo), eb("revoked_at", "<", dayAgo)]))
    .execute();
}
