import "server-only";
// POST /api/auth/login: rate limit, password check, cookie.
import { NextResponse, type NextRequest } from "next/server";
import { loadConfig } from "../config";
import { HttpError } from "../errors";
import { checkPassword, ensureCredentials } from "./credentials";
import { clientKey, recordFailure, recordSuccess, retryAfterMs } from "./rate-limit";
import { readSessionSecret } from "./secret";
import { setSessionCookie } from "./session";

export async function login(req: NextRequest, password: string): Promise<NextResponse> {
  const key = clientKey(req.headers);
  const wait = retryAfterMs(key);
  if (wait > 0) {
    const s = Math.ceil(wait / 1000);
    throw new HttpError(429, "rate_limited", `Too many failed logins: try again in ${s} s.`, { headers: { "retry-after": String(s) } });
  }
  const cfg = loadConfig();
  await ensureCredentials(cfg); // a server started without scripts/init-dashboard.ts (e.g. `next dev`)
  if (!(await checkPassword(cfg, password))) {
    recordFailure(key);
    throw new HttpError(401, "wrong_password", "Wrong password.");
  }
  recordSuccess(key);
  const secret = readSessionSecret();
  if (!secret) throw new HttpError(503, "not_initialised", "The dashboard has no session secret yet: run scripts/init-dashboard.ts or set DASHBOARD_SESSION_SECRET.");
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  await setSessionCookie(req, res, secret);
  return res;
}
