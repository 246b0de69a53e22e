import "server-only";
// Reading and writing the session cookie on requests and responses.
import type { NextRequest, NextResponse } from "next/server";
import { readSessionSecret, sessionTtlS } from "./secret";
import { SESSION_COOKIE, signSessionToken, verifySessionToken } from "./session-token";

export async function isLoggedIn(req: NextRequest): Promise<boolean> {
  const secret = readSessionSecret();
  if (!secret) return false;
  return verifySessionToken(secret, req.cookies.get(SESSION_COOKIE)?.value);
}

export function isHttps(req: NextRequest): boolean {
  const xfp = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (xfp ?? req.nextUrl.protocol.replace(":", "")) === "https";
}

export async function setSessionCookie(req: NextRequest, res: NextResponse, secret: string): Promise<void> {
  const { token, expiresAt } = await signSessionToken(secret, sessionTtlS());
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
