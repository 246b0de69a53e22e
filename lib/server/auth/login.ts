import "server-only";
// POST /api/auth/login: per-client limit, password check, a server-side login and its cookie. The
// order matters: only a client's own failures can refuse it before its password is checked
// (rate-limit.ts). Every attempt, failed or not, goes to the audit log.
import { NextResponse, type NextRequest } from "next/server";
import { recordAudit } from "../audit/record";
import { loadConfig } from "../config";
import { HttpError } from "../errors";
import { findUserForLogin } from "../users/store";
import { requestClient } from "./client-address";
import { ensureCredentials, FIRST_ADMIN } from "./credentials";
import { createLogin } from "./login-sessions";
import { verifyPassword } from "./password-hash";
import { recordFailure, recordSuccess, retryAfterMs } from "./rate-limit";
import { readSessionSecret } from "./secret";
import { setSessionCookie } from "./session";

export async function login(req: NextRequest, body: { username?: string; password: string }): Promise<NextResponse> {
  const cfg = loadConfig();
  const client = requestClient(req.headers, cfg.trustedProxies);
  const username = (body.username ?? FIRST_ADMIN).trim().toLowerCase();
  const audit = (result: string, status: number, userId: number | null) =>
    recordAudit({ action: "auth.login", userId, username, ip: client.ip, result, status, detail: {} });

  const wait = await retryAfterMs(client.ip, username);
  if (wait > 0) {
    // Not audited: each refused attempt would be a row, and a flood of them would fill the log;
    // the failures that led here are recorded.
    const s = Math.ceil(wait / 1000);
    throw new HttpError(429, "rate_limited", `Too many failed logins from your address: try again in ${s} s.`, {
      headers: { "retry-after": String(s) },
    });
  }
  await ensureCredentials(cfg); // a server started without scripts/init-dashboard.ts (e.g. `next dev`)
  const user = await findUserForLogin(username);
  // The hash is checked even for an unknown or disabled user: the answer's timing tells nothing.
  const ok = await verifyPassword(body.password, user?.passwordHash ?? null);
  if (!user || !ok || user.disabled) {
    await recordFailure(client.ip, username);
    await audit(user?.disabled && ok ? "user_disabled" : "wrong_password", 401, user?.id ?? null);
    if (user?.disabled && ok) throw new HttpError(401, "user_disabled", "This user is disabled: ask an admin.");
    throw new HttpError(401, "wrong_password", "Wrong user name or password.");
  }
  await recordSuccess(client.ip);
  if (!readSessionSecret())
    throw new HttpError(
      503,
      "not_initialised",
      "The dashboard has no session secret yet: run scripts/init-dashboard.ts or set DASHBOARD_SESSION_SECRET.",
    );
  const { token, expiresAt } = await createLogin(user.id, client);
  await audit("ok", 204, user.id);
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  setSessionCookie(req, res, token, expiresAt);
  return res;
}
