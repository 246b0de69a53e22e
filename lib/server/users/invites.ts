import "server-only";
// One-time invite links. The link carries a random 256-bit token; the table keeps only its
// SHA-256, so a copy of the database invites nobody. A link works once, for 7 days.
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@/lib/api/roles";
import type { PendingInvite } from "@/lib/api/schemas/users";
import { getDb } from "../db/db";
import { HttpError } from "../errors";
import { createUser, findUserForLogin, isUniqueViolation, type User } from "./store";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

export interface Invite {
  username: string;
  role: Role;
  expiresAt: number;
}

/** A new invite; an earlier unused invite for the same name stops working (its link was lost). */
export async function createInvite(
  username: string,
  role: Role,
  createdBy: number,
): Promise<Invite & { token: string }> {
  if (await findUserForLogin(username))
    throw new HttpError(409, "username_taken", `A user named "${username}" exists already.`);
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const expiresAt = now + INVITE_TTL_MS;
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("invites").where("username", "=", username).where("used_at", "is", null).execute();
    await trx
      .insertInto("invites")
      .values({
        id: tokenId(token),
        username,
        role,
        created_by: createdBy,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
  });
  return { token, username, role, expiresAt };
}

/** The invite behind a link, or null when it is unknown, used or expired. */
export async function findInvite(token: string, now = Date.now()): Promise<Invite | null> {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const r = await db
    .selectFrom("invites")
    .select(["username", "role", "expires_at"])
    .where("id", "=", tokenId(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return r ? { username: r.username, role: r.role, expiresAt: r.expires_at } : null;
}

const GONE = "This invite link is unknown, used or expired: ask an admin for a new one.";

/**
 * Uses an invite: marks it used and creates its user in one transaction, so a link works once
 * even when two browsers submit it together, and a failed create leaves the link usable.
 */
export async function redeemInvite(token: string, passwordHash: string): Promise<{ user: User; invitedBy: number }> {
  const db = await getDb();
  const id = tokenId(token);
  try {
    return await db.transaction().execute(async (trx) => {
      const now = Date.now();
      const invite = await trx
        .updateTable("invites")
        .set({ used_at: now })
        .where("id", "=", id)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .returning(["username", "role", "created_by"])
        .executeTakeFirst();
      if (!invite) throw new HttpError(404, "invite_invalid", GONE);
      const user = await createUser({ username: invite.username, role: invite.role, passwordHash }, trx);
      return { user, invitedBy: invite.created_by };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new HttpError(409, "username_taken", "A user with this invite's name exists already: ask an admin.");
    throw e;
  }
}

/** The invites an admin can still revoke: not used, not expired; newest first. */
export async function listPendingInvites(now = Date.now()): Promise<{ invites: PendingInvite[] }> {
  const db = await getDb();
  const rows = await db
    .selectFrom("invites")
    .leftJoin("users", "users.id", "invites.created_by")
    .select([
      "invites.id",
      "invites.username",
      "invites.role",
      "invites.created_at",
      "invites.expires_at",
      "users.username as invited_by",
    ])
    .where("invites.used_at", "is", null)
    .where("invites.expires_at", ">", now)
    .orderBy("invites.created_at", "desc")
    .execute();
  return {
    invites: rows.map((r) => ({
      id: r.id,
      username: r.username,
      role: r.role,
      invitedBy: r.invited_by ?? null,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    })),
  };
}

/** Revokes a pending invite (its link stops working at once); 404 when it is used, expired or unknown. */
export async function revokeInvite(id: string, now = Date.now()): Promise<Invite> {
  const gone = new HttpError(
    404,
    "not_found",
    "No pending invite with this id: it was used, has expired or was revoked.",
  );
  if (!/^[0-9a-f]{64}$/.test(id)) throw gone;
  const db = await getDb();
  const r = await db
    .deleteFrom("invites")
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["username", "role", "expires_at"])
    .executeTakeFirst();
  if (!r) throw gone;
  return { username: r.username, role: r.role, expiresAt: r.expires_at };
}
