import "server-only";
// CSRF: a mutation must carry an Origin header naming this dashboard. Behind a reverse proxy the
// public origin comes from X-Forwarded-Host / X-Forwarded-Proto.
import type { NextRequest } from "next/server";

export const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function expectedOrigin(req: NextRequest): string {
  const host =
    req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || req.nextUrl.host;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || req.nextUrl.protocol.replace(":", "");
  return `${proto}://${host}`.toLowerCase();
}

export function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  return origin.toLowerCase().replace(/\/+$/, "") === expectedOrigin(req);
}
