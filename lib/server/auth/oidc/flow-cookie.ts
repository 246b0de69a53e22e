import "server-only";
// What a sign-in must remember between leaving for the provider and coming back: state, nonce,
// the PKCE verifier and where to go after. It travels in a short-lived HttpOnly cookie, sealed
// (AES-256-GCM, key derived from the session secret) so it can be neither read nor forged, and
// scoped to /api/auth/oidc. SameSite=Lax: the provider's redirect back is a top-level GET, which
// carries it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { isHttps } from "../session";

export const FLOW_COOKIE = "agb_oidc_flow";
const COOKIE_PATH = "/api/auth/oidc";
/** Time to sign in at the provider (a password manager, a second factor) before starting over. */
export const FLOW_TTL_S = 10 * 60;

const flow = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  next: z.string(),
  /** Expiry, ms since the epoch: the cookie's own max-age is only the browser's promise. */
  exp: z.number(),
});
export type Flow = z.infer<typeof flow>;

const keyOf = (secret: string) => createHash("sha256").update(`agb-oidc-flow\0${secret}`).digest();

export function sealFlow(secret: string, f: Flow): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const body = Buffer.concat([c.update(JSON.stringify(f), "utf8"), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64url");
}

/** The flow in a cookie, or null when it is missing, forged, from another secret or expired. */
export function openFlow(secret: string, sealed: string | undefined, now = Date.now()): Flow | null {
  if (!sealed || sealed.length > 4096) return null;
  try {
    const raw = Buffer.from(sealed, "base64url");
    const d = createDecipheriv("aes-256-gcm", keyOf(secret), raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString("utf8");
    const f = flow.parse(JSON.parse(text));
    return f.exp > now ? f : null;
  } catch {
    return null;
  }
}

export function setFlowCookie(req: NextRequest, res: NextResponse, sealed: string): void {
  res.cookies.set(FLOW_COOKIE, sealed, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(req),
    path: COOKIE_PATH,
    maxAge: FLOW_TTL_S,
  });
}

/** A flow is used once: the callback clears it whatever the outcome. */
export function clearFlowCookie(req: NextRequest, res: NextResponse): void {
  res.cookies.set(FLOW_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(req),
    path: COOKIE_PATH,
    maxAge: 0,
  });
}
