import "server-only";
// GET /api/auth/oidc/login?next=…: a fresh state, nonce and PKCE verifier, sealed into the flow
// cookie, and a redirect to the provider's authorization endpoint.
import * as oidc from "openid-client";
import type { NextRequest } from "next/server";
import { safeNextPath } from "@/app/login/safe-next";
import { recordAudit } from "../../audit/record";
import { loadConfig } from "../../config";
import { log } from "../../log";
import { requestClient } from "../client-address";
import { ensureCredentials } from "../credentials";
import { readSessionSecret } from "../secret";
import { oidcClient } from "./client";
import { failureCode } from "./failure";
import { FLOW_TTL_S, sealFlow, setFlowCookie } from "./flow-cookie";
import { redirectUri, seeOther, toLogin } from "./redirects";

export const SCOPE = "openid profile email";

export async function startOidcLogin(req: NextRequest, nextParam: string | undefined): Promise<Response> {
  const cfg = loadConfig();
  const next = safeNextPath(nextParam);
  const s = cfg.oidc;
  if (!s) return toLogin("oidc_off", next);
  await ensureCredentials(cfg); // a server started without scripts/init-dashboard.ts (e.g. `next dev`)
  const secret = readSessionSecret();
  if (!secret) return toLogin("not_initialised", next);

  let config: oidc.Configuration;
  try {
    config = await oidcClient(s);
  } catch (e) {
    // The sign-in failed before it reached the provider: an attempt all the same.
    log.warn({ issuer: s.issuer, err: (e as Error).message }, "OIDC discovery failed");
    const code = failureCode(e);
    await recordAudit({
      action: "auth.login",
      userId: null,
      username: "",
      ip: requestClient(req.headers, cfg.trustedProxies).ip,
      detail: { method: "oidc", step: "discovery" },
      result: code,
      status: 502,
    });
    return toLogin(code === "oidc_failed" ? "oidc_unavailable" : code, next);
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(req, s),
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const res = seeOther(url.href);
  setFlowCookie(req, res, sealFlow(secret, { state, nonce, verifier, next, exp: Date.now() + FLOW_TTL_S * 1000 }));
  return res;
}
