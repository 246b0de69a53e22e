import { endpoints } from "@/lib/api/endpoints";
import { NextResponse } from "next/server";
import { clearSessionCookie } from "@/lib/server/auth/session";
import { route } from "@/lib/server/route";

// Cookies are stateless: logout clears this browser's cookie; other copies expire on their own.
export const POST = route(endpoints.logout, async ({ req }) => {
  const res = new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
  clearSessionCookie(req, res);
  return res;
});
