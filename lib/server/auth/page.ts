import "server-only";
// The login check of server-rendered pages. proxy.ts only checks the cookie's signature (it has no
// database); each page's server side asks here, so an ended login or a disabled user gets the
// login page on the next navigation, and a page above the user's role is refused on the server.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/api/roles";
import { principalFromToken, type Principal } from "./login-sessions";
import { SESSION_COOKIE } from "./session-token";

export type PageUser = { user: Principal; allowed: true } | { user: Principal; allowed: false; need: Role };

/** The page's user; redirects to /login without a valid login. `allowed` says whether the role suffices. */
export async function pageUser(need: Role = "viewer", here = "/"): Promise<PageUser> {
  const user = await principalFromToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!user) redirect(here === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`);
  return roleAtLeast(user.role, need) ? { user, allowed: true } : { user, allowed: false, need };
}
