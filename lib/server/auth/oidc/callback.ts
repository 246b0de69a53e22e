import "server-only";
// GET /api/auth/oidc/callback: the provider sends the browser back here with a code (or an error).
// openid-client checks state, PKCE, the ID token's signature, issuer, audience and nonce; then the
// user is found or created, given the role of the claim, and logged in like a password login.
// Every outcome is an audit record (auth.login, method oidc) and a redirect: to `next` on success,
// to the login page with a reason otherwise, never an error page.
import * as oidc from "openid-client";
import type { NextRequest } from "next/server";
import type { LoginErrorCode } from "@/lib/api/login-errors";
import { recordAudit } from "../../audit/record";
import { loadConfig } from "../../config";
import { log } from "../../log";
import { requestClient } from "../client-address";
import { createLogin } from "../login-sessions";
import { readSessionSecret } from "../secret";
import { setSessionCookie } from "../session";
import { oidcAccount, oidcSubject, preferredName } from "./account";
import { oidcClient } from "./client";
import { failureCode, providerError } from "./failure";
import { clearFlowCookie, FLOW_COOKIE, openFlow } from "./flow-cookie";
import { redirectUri, seeOther, toLogin } from "./redirects";
import { roleFromClaims } from "./role-claim";
import type { OidcSettings } from "./settings";

/** HTTP status recorded in the audit log for each failure (the browser itself gets a 303). */
const STATUS: Record<LoginErrorCode, number> = {
  oidc_off: 404,
  oidc_expired: 400,
  oidc_state: 400,
  oidc_denied: 401,
  oidc_unavailable: 502,
  oidc_failed: 502,
  user_disabled: 403,
  not_initialised: 503,
};

export async function finishOidcLogin(req: NextRequest): Promise<Response> {
  const cfg = loadConfig();
  const client = requestClient(req.headers, cfg.trustedProxies);
  const who = { userId: null as number | null, username: "" };
  const detail: Record<string, unknown> = { method: "oidc" };
  let next = "/";

  const fail = async (code: LoginErrorCode, err?: unknown) => {
    if (err !== undefined) {
      const reason = providerError(err);
      if (reason) detail.providerError = reason;
      log.warn({ code, err: (err as Error)?.message, cause: describeCause(err) }, "OIDC sign-in failed");
    }
    await recordAudit({ action: "auth.login", ...who, ip: client.ip, detail, result: code, status: STATUS[code] });
    const res = toLogin(code, next);
    clearFlowCookie(req, res);
    return res;
  };

  const s = cfg.oidc;
  if (!s) return fail("oidc_off");
  const secret = readSessionSecret();
  const flow = secret ? openFlow(secret, req.cookies.get(FLOW_COOKIE)?.value) : null;
  if (!secret || !flow) return fail("oidc_expired");
  next = flow.next;

  let claims: Record<string, unknown>;
  try {
    claims = await signIn(req, s, flow);
  } catch (e) {
    return fail(failureCode(e), e);
  }
  try {
    const subject = oidcSubject(String(claims.iss), String(claims.sub));
    const role = roleFromClaims(claims, s.roleClaim, s.defaultRole);
    who.username = preferredName(claims);
    Object.assign(detail, { subject, role });
    const { user, created } = await oidcAccount(subject, who.username, role);
    Object.assign(who, { userId: user.id, username: user.username });
    if (created) detail.created = true;
    if (user.disabled) return fail("user_disabled");

    const { token, expiresAt } = await createLogin(user.id, client);
    await recordAudit({ action: "auth.login", ...who, ip: client.ip, detail, result: "ok", status: 303 });
    const res = seeOther(next);
    setSessionCookie(req, res, token, expiresAt);
    clearFlowCookie(req, res);
    return res;
  } catch (e) {
    // The database, most likely: still the login page with a message, not an error page.
    return fail("oidc_failed", e);
  }
}

/** The code exchanged for tokens, and the claims of the ID token (with userinfo's when it lacks some). */
async function signIn(
  req: NextRequest,
  s: OidcSettings,
  flow: { state: string; nonce: string; verifier: string },
): Promise<Record<string, unknown>> {
  const config = await oidcClient(s);
  // openid-client sends this URL (without its query) as redirect_uri: it must be the public one
  // the authorization request named, not the address this server was reached at behind a proxy.
  const current = new URL(redirectUri(req, s));
  current.search = req.nextUrl.search;
  const tokens = await oidc.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const id = tokens.claims();
  if (!id) throw new Error("the token answer has no ID token");
  const claims: Record<string, unknown> = { ...id };
  // Many providers put only `sub` in the ID token and the rest behind the userinfo endpoint.
  const lacks = !("preferred_username" in id || "email" in id) || roleClaimMissing(id, s.roleClaim);
  if (lacks && config.serverMetadata().userinfo_endpoint) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
    for (const [k, v] of Object.entries(info)) if (!(k in claims)) claims[k] = v;
  }
  return claims;
}

function roleClaimMissing(claims: Record<string, unknown>, name: string): boolean {
  return !(name in claims) && !(name.split(".")[0] in claims);
}

function describeCause(e: unknown): string | undefined {
  const c = (e as { cause?: unknown })?.cause;
  return c instanceof Error ? c.message : undefined;
}
