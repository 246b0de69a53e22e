import "server-only";
// What went wrong in a sign-in, as one of the login page's error codes (lib/api/login-errors.ts),
// from the errors openid-client throws. Their messages are generic ("invalid response
// encountered"); the specific reason is down the `cause` chain.
import * as oidc from "openid-client";
import type { LoginErrorCode } from "@/lib/api/login-errors";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"]);

function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let c = e; c && out.length < 8; c = (c as { cause?: unknown }).cause) out.push(c);
  return out;
}

export function failureCode(e: unknown): LoginErrorCode {
  const errs = chain(e);
  if (errs.some((x) => x instanceof oidc.AuthorizationResponseError)) return "oidc_denied";
  for (const x of errs) {
    const err = x as { name?: string; code?: string; message?: string };
    if (err.name === "TimeoutError" || err.name === "AbortError") return "oidc_unavailable";
    if (err.code && NETWORK_CODES.has(err.code)) return "oidc_unavailable";
    if (x instanceof TypeError && /fetch failed/i.test(err.message ?? "")) return "oidc_unavailable";
    if (/"state"/.test(err.message ?? "")) return "oidc_state";
  }
  return "oidc_failed";
}

/** The provider's own error code (access_denied, invalid_grant…) for the audit record. */
export function providerError(e: unknown): string | undefined {
  for (const x of chain(e))
    if (x instanceof oidc.AuthorizationResponseError || x instanceof oidc.ResponseBodyError) return x.error;
  return undefined;
}
