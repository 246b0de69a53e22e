import "server-only";
// The dashboard user behind an OIDC identity, found by `oidc_subject = "<issuer> <sub>"` (a `sub`
// is unique only within its issuer), created at the first sign-in, and given the role of the
// claim at every sign-in, so a change at the provider applies from the next login on.
import type { Role } from "@/lib/api/roles";
import { createUser, findUserByOidcSubject, isUniqueViolation, updateUser, type User } from "../../users/store";

/** Login names are at most this long (lib/api/schemas: loginBody). */
const MAX_NAME = 128;
/** Tries of `name-2`, `name-3`… before giving up on a name that keeps clashing. */
const MAX_SUFFIX = 50;

export const oidcSubject = (issuer: string, sub: string) => `${issuer} ${sub}`;

/** The user name to ask for: preferred_username, else email, else sub. */
export function preferredName(claims: Record<string, unknown>): string {
  for (const k of ["preferred_username", "email", "sub"]) {
    const v = claims[k];
    if (typeof v === "string" && v.trim()) return v.trim().toLowerCase().slice(0, MAX_NAME);
  }
  return "oidc-user";
}

export async function oidcAccount(
  subject: string,
  name: string,
  role: Role,
): Promise<{ user: User; created: boolean }> {
  const found = await findUserByOidcSubject(subject);
  if (found) {
    const user = found.role === role ? found : ((await updateUser(found.id, { role })) ?? found);
    return { user, created: false };
  }
  for (let i = 1; i <= MAX_SUFFIX; i++) {
    // A name held by another user (a password user, or another issuer's) gets a suffix.
    const suffix = i === 1 ? "" : `-${i}`;
    const username = name.slice(0, MAX_NAME - suffix.length) + suffix;
    try {
      return { user: await createUser({ username, role, passwordHash: null, oidcSubject: subject }), created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // The same identity signing in twice at once: the other request created it.
      const raced = await findUserByOidcSubject(subject);
      if (raced) return { user: raced, created: false };
    }
  }
  throw new Error(`no free user name for "${name}" after ${MAX_SUFFIX} tries`);
}
