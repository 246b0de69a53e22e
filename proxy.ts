// Page requests without a valid session cookie go to /login?next=<where they were going>, except
// invite links (/invite/<token>), whose token is the credential of someone who has no login yet.
// API routes check the cookie themselves (lib/server/route.ts) and answer 401 instead.
import { NextResponse, type NextRequest } from "next/server";
import { readSessionSecret } from "./lib/server/auth/secret";
import { SESSION_COOKIE, verifySessionToken } from "./lib/server/auth/session-token";

export async function proxy(req: NextRequest) {
  const secret = readSessionSecret();
  const ok = secret ? await verifySessionToken(secret, req.cookies.get(SESSION_COOKIE)?.value) : false;
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/invite/")) return NextResponse.next();
  // The login page decides itself (app/login/page.tsx): a cookie with a good signature may belong
  // to a login that has ended (a disabled user), and sending it on would loop between the two.
  if (pathname === "/login") return NextResponse.next();
  if (ok) return NextResponse.next();
  const to = new URL("/login", req.url);
  if (pathname !== "/") to.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(to);
}

export const config = {
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|ico|jpg|jpeg|webp|css|js|map|txt|woff2?)$).*)",
  ],
};
