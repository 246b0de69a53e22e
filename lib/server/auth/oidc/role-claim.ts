import "server-only";
// The dashboard role of an OIDC user, from one claim of their ID token or userinfo: a string or an
// array of strings ("operator", ["viewer", "admin"]); the highest known role wins, case and
// surrounding blanks ignored. No claim, or nothing in it that names a role: the default role.
import { ROLES, type Role } from "@/lib/api/roles";

/**
 * The claim's value. A name with dots is first looked up as it is (Auth0's namespaced claims are
 * URLs such as "https://example.com/roles"), then as a path into nested objects (Keycloak's
 * "realm_access.roles").
 */
export function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let v: unknown = claims;
  for (const part of name.split(".")) {
    if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export function roleFromClaims(claims: Record<string, unknown>, claimName: string, defaultRole: Role): Role {
  const v = claimValue(claims, claimName);
  const names = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
  let best = -1;
  for (const n of names) best = Math.max(best, ROLES.indexOf(n.trim().toLowerCase() as Role));
  return best >= 0 ? ROLES[best] : defaultRole;
}
