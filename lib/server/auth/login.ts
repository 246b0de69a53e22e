import "server-only";
// POST /api/auth/login: per-client limit, password check, cookie. The order matters: only a
// client's own failures can refuse it before its password is checked (rate-limit.ts).
import { NextResponse, type NextRequest } from "next/server";
import type net from "node:net";
import { loadConfig } from "../config";
import { HttpError } from "../errors";
import { clientAddress, trustedProxyList } from "./client-address";
import { checkPassword, ensureCredentials } from "./credentials";
import { recordFailure, recordSuccess, retryAfterMs } from "./rate-limit";
import { readSessionSecret } from "./secret";
import { setSessionCookie } from "./session";

let trusted: { key: string; list: net.BlockList | null } | null = null;
function trustedProxies(entries: string[]): net.BlockList | null {
  const key = entries.join(",");
  if (trusted?.key !== key) trusted = { key, list: entries.length ? trustedProxyList(entries) : null };
  return trusted.list;
}

export async function login(req: NextRequest, password: string): Promise<NextResponse> {
  const cfg = loadConfig();
  const client = clientAddress(req.headers, trustedProxies(cfg.trustedProxies));
  const wait = retryAfterMs(client);
  if (wait > 0) {
    const s = Math.ceil(wait / 1000);
    throw new HttpError(429, "rate_limited", `Too many failed logins from your address: try again in ${s} s.`, {
      headers: { "retry-after": String(s) },
    });
  }
  await ensureCredentials(cfg); // a server started without scripts/init-dashboard.ts (e.g. `next dev`)
  if (!(await checkPassword(cfg, password))) {
    recordFailure(client);
    throw new HttpError(401, "wrong_password", "Wrong password.");
  }
  recordSuccess(client);
  const secret = readSessionSecret();
  if (!secret)
    throw new HttpError(
      503,
      "not_initialised",
      "The dashboard has no session secret yet: run scripts/init-dashboard.ts or set DASHBOARD_SESSION_SECRET.",
    );
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  await setSessionCookie(req, res, secret);
  return res;
}
