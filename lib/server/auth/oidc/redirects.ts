import "server-only";
// Where the browser goes during a sign-in. Redirects are 303 (always a GET next) and relative
// where they stay on the dashboard, so they hold behind any reverse proxy.
import { NextResponse, type NextRequest } from "next/server";
import type { LoginErrorCode } from "@/lib/api/login-errors";
import { expectedOrigin } from "../origin";
import { CALLBACK_PATH, type OidcSettings } from "./settings";

/** The redirect URI to register at the provider: fixed by OIDC_REDIRECT_URL or this request's public origin. */
export function redirectUri(req: NextRequest, s: OidcSettings): string {
  return s.redirectUrl ?? `${expectedOrigin(req)}${CALLBACK_PATH}`;
}

export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** Back to the login page with the reason, keeping where the user was going. */
export function toLogin(code: LoginErrorCode, next: string): NextResponse {
  const q = new URLSearchParams({ error: code });
  if (next !== "/") q.set("next", next);
  return seeOther(`/login?${q}`);
}
