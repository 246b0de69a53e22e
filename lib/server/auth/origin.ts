import "server-only";
// CSRF: a mutation must carry an Origin header naming this dashboard (and so must the terminal's
// WebSocket: browsers let any site open one, with the user's cookies). Behind a reverse proxy the
// public origin comes from X-Forwarded-Host / X-Forwarded-Proto.
import type { NextRequest } from "next/server";

export const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The dashboard's public origin as this request reached it; `fallback` is the URL's own host and protocol. */
function expectedOriginOf(headers: Headers, fallback: { host: string; protocol: string }): string {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || fallback.host;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallback.protocol.replace(":", "");
  return `${proto}://${host}`.toLowerCase();
}

export function expectedOrigin(req: NextRequest): string {
  return expectedOriginOf(req.headers, req.nextUrl);
}

/** True when the request's Origin names this dashboard (a missing or `null` Origin is foreign). */
export function originMatches(headers: Headers, fallback: { host: string; protocol: string }): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  return origin.toLowerCase().replace(/\/+$/, "") === expectedOriginOf(headers, fallback);
}

export function isSameOrigin(req: NextRequest): boolean {
  return originMatches(req.headers, req.nextUrl);
}
