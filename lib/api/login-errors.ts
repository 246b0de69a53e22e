// Why a sign-in with OpenID Connect ended on the login page: the callback redirects to
// `/login?error=<code>` and the page shows the message. Codes, not text, travel in the URL, so a
// crafted link cannot put words of its choosing on the login page.
export const LOGIN_ERRORS = {
  oidc_off: "Sign-in with OpenID Connect is not set up on this dashboard.",
  oidc_expired: "The sign-in took too long or its cookie was lost (another tab, another browser): try again.",
  oidc_state: "The answer from the identity provider did not match this sign-in (state mismatch): try again.",
  oidc_denied: "The identity provider did not sign you in (access denied or consent refused).",
  oidc_unavailable: "The identity provider cannot be reached right now: try again later.",
  oidc_failed:
    "The sign-in with the identity provider failed: try again, or ask an admin to look at the dashboard's log.",
  user_disabled: "This user is disabled: ask an admin.",
  not_initialised: "The dashboard has no session secret yet: ask an admin to finish its set-up.",
} as const;
export type LoginErrorCode = keyof typeof LOGIN_ERRORS;

export function loginErrorMessage(code: string | null | undefined): string | null {
  return code && Object.hasOwn(LOGIN_ERRORS, code) ? LOGIN_ERRORS[code as LoginErrorCode] : null;
}
