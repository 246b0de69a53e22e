import "server-only";
// The login cookie on requests and responses, and the principal behind it.
import type { NextRequest, NextResponse } from "next/server";
import { principalFromToken, type Principal } from "./login-sessions";
import { SESSION_COOKIE } from "./session-token";

export function currentPrincipal(req: NextRequest): Promise<Principal | null> {
  return principalFromToken(req.cookies.get(SESSION_COOKIE)?.value);
}

export function isHttps(req: NextRequest): boolean {
  const xfp = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (xfp ?? req.nextUrl.protocol.replace(":", "")) === "https";
}

export function setSessionCookie(req: NextRequest, res: NextResponse, token: string, expiresAt: Date): void {
  res.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(req),
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(req: NextRequest, res: NextResponse): void {
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: isHttps(req), path: "/", maxAge: 0 });
}
