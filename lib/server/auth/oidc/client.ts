import "server-only";
// The openid-client Configuration of the issuer: discovery (.well-known/openid-configuration) runs
// once per process and is reused; a failed discovery is forgotten so the next sign-in retries it
// (the provider may have been down for a moment).
import * as oidc from "openid-client";
import { isLoopbackUrl, type OidcSettings } from "./settings";

/** Seconds to wait for the provider on each request: a dead issuer answers the user quickly. */
const TIMEOUT_S = 10;

let cached: { key: string; config: Promise<oidc.Configuration> } | null = null;

export function oidcClient(s: OidcSettings): Promise<oidc.Configuration> {
  const key = `${s.issuer}\n${s.clientId}\n${s.clientSecret}`;
  if (cached?.key === key) return cached.config;
  const issuer = new URL(s.issuer);
  const config = oidc
    .discovery(issuer, s.clientId, undefined, oidc.ClientSecretBasic(s.clientSecret), {
      timeout: TIMEOUT_S,
      // Plain http only to a provider on this machine (tests, a local Dex); settings.ts refuses
      // any other http:// issuer.
      execute: issuer.protocol === "http:" && isLoopbackUrl(issuer) ? [oidc.allowInsecureRequests] : [],
    })
    .catch((e: unknown) => {
      if (cached?.config === config) cached = null;
      throw e;
    });
  cached = { key, config };
  return config;
}
