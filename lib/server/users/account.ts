import "server-only";
// The Account page: a user's own password and logins.
import type { LoginRow } from "@/lib/api/schemas/users";
import { requestClient } from "../auth/client-address";
import { endAllLogins, endLogin, listLogins, type Principal } from "../auth/login-sessions";
import { hashPassword, verifyPassword } from "../auth/password-hash";
import { recordFailure, recordSuccess, retryAfterMs } from "../auth/rate-limit";
import { loadConfig } from "../config";
import { HttpError } from "../errors";
import type { NextRequest } from "next/server";
import { findUserForLogin, updateUser } from "./store";

/**
 * Changes the caller's password and ends their other logins (a stolen cookie stops working; this
 * browser stays logged in). A wrong current password counts as a failed login for the limiter,
 * so a borrowed cookie cannot be used to guess the password.
 */
export async function changeOwnPassword(
  req: NextRequest,
  me: Principal,
  body: { currentPassword: string; newPassword: string },
): Promise<{ endedLogins: number }> {
  const ip = requestClient(req.headers, loadConfig().trustedProxies).ip;
  const wait = await retryAfterMs(ip, me.username);
  if (wait > 0) {
    const s = Math.ceil(wait / 1000);
    throw new HttpError(429, "rate_limited", `Too many wrong passwords from your address: try again in ${s} s.`, {
      headers: { "retry-after": String(s) },
    });
  }
  const user = await findUserForLogin(me.username);
  if (!user?.passwordHash)
    throw new HttpError(409, "oidc_user", "You sign in with OpenID Connect: there is no password to change here.");
  if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
    await recordFailure(ip, me.username);
    throw new HttpError(400, "wrong_password", "The current password is wrong.", {
      issues: [{ path: "currentPassword", message: "The current password is wrong." }],
    });
  }
  await recordSuccess(ip);
  await updateUser(me.userId, { passwordHash: await hashPassword(body.newPassword) });
  return { endedLogins: await endAllLogins(me.userId, me.loginId) };
}

export async function myLogins(me: Principal): Promise<{ logins: LoginRow[] }> {
  const logins = await listLogins(me.userId);
  return { logins: logins.map((l) => ({ ...l, current: l.id === me.loginId })) };
}

/** Ends one of the caller's other logins (this one ends with Log out). */
export async function endMyLogin(me: Principal, loginId: string, audit: Record<string, unknown>): Promise<void> {
  if (loginId === me.loginId)
    throw new HttpError(409, "current_login", "This is the login you are using: use Log out to end it.");
  const other = (await listLogins(me.userId)).find((l) => l.id === loginId);
  if (other) audit.endedLogin = { ip: other.ip, userAgent: other.userAgent, createdAt: other.createdAt };
  if (!(await endLogin(me.userId, loginId)))
    throw new HttpError(404, "not_found", "No such login of yours: it has ended already.");
}
