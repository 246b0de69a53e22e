import "server-only";
// What an admin does to users from the Users page. The guards keep the dashboard manageable: an
// admin cannot demote or disable themselves, and the last active admin stays an active admin.
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/api/roles";
import type { UserRow } from "@/lib/api/schemas/users";
import { endAllLogins, type Principal } from "../auth/login-sessions";
import { hashPassword } from "../auth/password-hash";
import { getDb } from "../db/db";
import { HttpError } from "../errors";
import { activeAdminCount, getUser, listUsers, updateUser, type User } from "./store";

export const toUserRow = (u: User): UserRow => ({
  id: u.id,
  username: u.username,
  role: u.role,
  disabled: u.disabled,
  oidc: u.oidc,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

export async function usersForAdmin(): Promise<{ users: UserRow[] }> {
  return { users: (await listUsers()).map(toUserRow) };
}

/** The `[uid]` path segment as a user id (404 for anything that cannot be one). */
export function parseUserId(raw: string | undefined): number {
  const n = Number(raw);
  if (!raw || !/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(n))
    throw new HttpError(404, "not_found", `No user with id "${String(raw).slice(0, 40)}"`);
  return n;
}

const noUser = (id: number) => new HttpError(404, "not_found", `No user with id ${id}`);

/**
 * Changes a user's role and/or disabled flag. The last-admin check and the change run in one
 * transaction (on PostgreSQL activeAdminCount locks the admins' rows), so two admins demoting each
 * other at once cannot leave the dashboard without one. Disabling ends the user's logins.
 */
export async function changeUser(
  admin: Principal,
  id: number,
  change: { role?: Role; disabled?: boolean },
  audit: Record<string, unknown>,
): Promise<{ user: UserRow; endedLogins: number }> {
  const db = await getDb();
  const user = await db.transaction().execute(async (trx) => {
    const before = await getUser(id, trx);
    if (!before) throw noUser(id);
    audit.target = before.username;
    if (change.role !== undefined && change.role !== before.role) audit.role = { from: before.role, to: change.role };
    if (change.disabled !== undefined && change.disabled !== before.disabled) audit.disabled = change.disabled;
    const demotes = change.role !== undefined && change.role !== "admin";
    if (id === admin.userId && (demotes || change.disabled === true))
      throw new HttpError(
        409,
        "cannot_change_self",
        "You cannot demote or disable yourself: ask another admin to do it.",
      );
    if (before.role === "admin" && !before.disabled && (demotes || change.disabled === true)) {
      if ((await activeAdminCount(trx)) <= 1)
        throw new HttpError(
          409,
          "last_admin",
          `"${before.username}" is the last active admin: make another user admin first.`,
        );
    }
    const after = await updateUser(id, change, trx);
    if (!after) throw noUser(id);
    return after;
  });
  // After the commit: a login that slipped in between is refused anyway (principalFromToken
  // checks the disabled flag on every request); this clears the list.
  const endedLogins = change.disabled === true ? await endAllLogins(id) : 0;
  if (endedLogins) audit.endedLogins = endedLogins;
  return { user: toUserRow(user), endedLogins };
}

/** 18 random bytes: 24 URL-safe characters, typed once by the user before they change it. */
const generatePassword = () => randomBytes(18).toString("base64url");

/**
 * Resets a user's password to a generated one, shown once to the admin, and ends the user's
 * logins. (Chosen over a reset link: no second kind of token, no new public endpoint, and the
 * admin, who can already do anything, learns nothing they could not; the user changes it on the
 * Account page.)
 */
export async function resetPassword(
  admin: Principal,
  id: number,
  audit: Record<string, unknown>,
): Promise<{ username: string; password: string; endedLogins: number }> {
  const user = await getUser(id);
  if (!user) throw noUser(id);
  audit.target = user.username;
  if (id === admin.userId)
    throw new HttpError(409, "cannot_change_self", "Change your own password on the Account page.");
  if (user.oidc)
    throw new HttpError(409, "oidc_user", `"${user.username}" signs in with OpenID Connect and has no password here.`);
  const password = generatePassword();
  await updateUser(id, { passwordHash: await hashPassword(password) });
  const endedLogins = await endAllLogins(id);
  audit.endedLogins = endedLogins;
  return { username: user.username, password, endedLogins };
}
