import { endpoints } from "@/lib/api/endpoints";
import { NextResponse } from "next/server";
import { endLogin } from "@/lib/server/auth/login-sessions";
import { clearSessionCookie } from "@/lib/server/auth/session";
import { route } from "@/lib/server/route";

// Ends this login on the server (every copy of the cookie stops working) and clears the cookie.
export const POST = route(endpoints.logout, async ({ req, user }) => {
  await endLogin(user!.userId, user!.loginId);
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  clearSessionCookie(req, res);
  return res;
});
