// Page requests without a validly signed session cookie go to /login?next=<where they were going>.
// This is only the cheap first gate: whether the login still exists (logout, a disabled user) is
// for the database, which each page (lib/server/auth/page.ts) and API route (lib/server/route.ts)
// asks. So /login is never redirected away from here: a signed but ended login must reach it.
import { NextResponse, type NextRequest } from "next/server";
import { readSessionSecret } from "./lib/server/auth/secret";
import { SESSION_COOKIE, verifySessionToken } from "./lib/server/auth/session-token";

export async function proxy(req: NextRequest) {
  const secret = readSessionSecret();
  const ok = secret ? await verifySessionToken(secret, req.cookies.get(SESSION_COOKIE)?.value) : false;
  const { pathname, search } = req.nextUrl;
  if (ok || pathname === "/login" || pathname.startsWith("/invite/")) return NextResponse.next();
  const to = new URL("/login", req.url);
  if (pathname !== "/") to.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(to);
}

export const config = {
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|ico|jpg|jpeg|webp|css|js|map|txt|woff2?)$).*)",
  ],
};
