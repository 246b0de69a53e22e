import { NextResponse } from "next/server";
import { endpoints } from "@/lib/api/endpoints";
import { route } from "@/lib/server/route";
import { endMyLogin } from "@/lib/server/users/account";

export const DELETE = route(endpoints.endMyLogin, async ({ params, user, audit }) => {
  await endMyLogin(user!, params.lid ?? "", audit);
  return new NextResponse(null, { status: 204, headers: { "cache-control": "no-store" } });
});
