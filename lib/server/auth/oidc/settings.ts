import "server-only";
// The OIDC_* variables: their zod schemas (spread into lib/server/config.ts) and the check across
// them. Sign-in with OpenID Connect is on when the issuer, client id and client secret are all set;
// one or two of them set is a mistake worth stopping for, not a silent "off".
import { z } from "zod";
import { ROLES, type Role } from "@/lib/api/roles";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token (or userinfo) claim holding the role(s); a dotted path reaches into objects. */
  roleClaim: string;
  /** The role of a user whose claim is missing or names no known role. */
  defaultRole: Role;
  /** What the login page's button says after "Sign in with". */
  displayName: string;
  /** Fixed redirect URI; null: `<public origin>/api/auth/oidc/callback` from each request. */
  redirectUrl: string | null;
}

export const CALLBACK_PATH = "/api/auth/oidc/callback";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** http:// is accepted (and openid-client told to allow it) only for an issuer on this machine. */
export function isLoopbackUrl(u: URL): boolean {
  return LOOPBACK.test(u.hostname);
}

function parseUrl(v: string): URL | null {
  try {
    return new URL(v);
  } catch {
    return null;
  }
}

const optionalText = z.string().trim().optional();

export const oidcEnv = {
  OIDC_ISSUER: optionalText.refine((v) => {
    if (v === undefined) return true;
    const u = parseUrl(v);
    return !!u && (u.protocol === "https:" || (u.protocol === "http:" && isLoopbackUrl(u)));
  }, "OIDC_ISSUER must be the issuer's https:// URL (http:// only for an issuer on localhost)"),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ROLE_CLAIM: z.string().trim().min(1, "OIDC_ROLE_CLAIM is empty").max(200).optional(),
  OIDC_DEFAULT_ROLE: z.enum(ROLES, { error: `OIDC_DEFAULT_ROLE must be one of ${ROLES.join(", ")}` }).optional(),
  OIDC_DISPLAY_NAME: z.string().trim().max(60, "OIDC_DISPLAY_NAME must have at most 60 characters").optional(),
  OIDC_REDIRECT_URL: optionalText.refine((v) => {
    if (v === undefined) return true;
    const u = parseUrl(v);
    return !!u && (u.protocol === "https:" || u.protocol === "http:") && !u.search && !u.hash;
  }, `OIDC_REDIRECT_URL must be an http(s) URL without query, ending in ${CALLBACK_PATH} where it reaches this dashboard`),
};

type OidcEnv = { [K in keyof typeof oidcEnv]?: z.output<(typeof oidcEnv)[K]> };

const REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/** What is wrong across the variables (read raw, so it is reported beside any other mistake). */
export function oidcProblems(raw: Record<string, string | undefined>): string[] {
  const missing = REQUIRED.filter((k) => !raw[k]?.trim());
  if (missing.length === 0 || missing.length === REQUIRED.length) return [];
  const are = missing.length > 1 ? "are" : "is";
  return [
    `OpenID Connect needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together: ${missing.join(" and ")} ${are} not set (unset all three to turn it off)`,
  ];
}

/** The settings of a valid environment (oidcProblems found nothing), or null when OIDC is off. */
export function oidcSettings(e: OidcEnv): OidcSettings | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    roleClaim: e.OIDC_ROLE_CLAIM ?? "agb_role",
    defaultRole: e.OIDC_DEFAULT_ROLE ?? "viewer",
    displayName: e.OIDC_DISPLAY_NAME || "OpenID Connect",
    redirectUrl: e.OIDC_REDIRECT_URL ?? null,
  };
}
