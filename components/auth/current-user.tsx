"use client";
// Who is logged in, given by the server layout that checked the login, so the UI can hide what
// the role cannot do (the API refuses it anyway, 403).
import * as React from "react";
import { roleAtLeast, type Role } from "@/lib/api/roles";

export interface CurrentUser {
  username: string;
  role: Role;
}

const Ctx = React.createContext<CurrentUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  return <Ctx.Provider value={user}>{children}</Ctx.Provider>;
}

export function useCurrentUser(): CurrentUser | null {
  return React.useContext(Ctx);
}

/** Whether the logged-in user's role may do what `need` may (false outside a logged-in page). */
export function useCan(need: Role): boolean {
  const u = React.useContext(Ctx);
  return u !== null && roleAtLeast(u.role, need);
}
