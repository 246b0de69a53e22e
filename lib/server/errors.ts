import "server-only";
// The one place where failures become HTTP answers: `{ error: { code, message, requestId?, issues? } }`.
// AGB not found → 404, invalid input → 422, throttled → 429 with Retry-After, timeout → 504,
// unreachable (refused, reset: e.g. the embedded runtime restarting) → 503 with Retry-After, other
// AGB failures → 502. Anything
// unexpected is logged and answered 500 without internals.
import { NextResponse } from "next/server";
import { isAgbError, type AgbError } from "@/lib/agb/errors";
import { log } from "./log";

export interface Issue {
  path: string;
  message: string;
}

// Branded like AgbError (lib/agb/errors.ts): instanceof holds across this module's copies.
const BRAND = Symbol.for("agb-dashboard.HttpError");

export class HttpError extends Error {
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { requestId?: string; issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** AGB session ids are short tokens; anything else cannot name a session. */
export const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The refusals every way into the dashboard's API gives alike (route() and the terminal socket). */
export const refusals = {
  notLoggedIn: () => new HttpError(401, "unauthenticated", "Log in to use the dashboard API."),
  roleTooLow: (role: string, need: string) =>
    new HttpError(403, "forbidden", `Your role (${role}) cannot do this: it needs ${need} or higher.`),
  noSuchSession: (id: string) => new HttpError(404, "not_found", `No session with id "${id.slice(0, 140)}"`),
};

/** The body of every error answer (route handlers and the terminal socket's refused upgrades). */
export function errorBody(code: string, message: string, extra: HttpError["extra"] = {}) {
  const error: Record<string, unknown> = { code, message };
  if (extra.requestId) error.requestId = extra.requestId;
  if (extra.issues) error.issues = extra.issues;
  return { error };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: HttpError["extra"] = {},
): NextResponse {
  return NextResponse.json(errorBody(code, message, extra), {
    status,
    headers: { "cache-control": "no-store", ...extra.headers },
  });
}

const AGB_STATUS: Record<AgbError["kind"], { status: number; code: string }> = {
  not_found: { status: 404, code: "not_found" },
  invalid_input: { status: 422, code: "invalid_input" },
  auth: { status: 502, code: "agb_auth" },
  timeout: { status: 504, code: "agb_timeout" },
  network: { status: 503, code: "backend_unavailable" },
  throttled: { status: 429, code: "agb_throttled" },
  protocol: { status: 502, code: "agb_protocol" },
  failed: { status: 502, code: "agb_error" },
};

export function agbErrorStatus(e: AgbError): { status: number; code: string; message: string } {
  const m = AGB_STATUS[e.kind];
  const message =
    e.kind === "auth"
      ? `AGB rejected the dashboard's API key: check AGB_API_KEY (${e.message})`
      : e.kind === "network"
        ? `The backend is unavailable (it may be restarting); try again in a moment. ${e.message}`
        : e.message;
  return { ...m, message };
}

export function toErrorResponse(e: unknown, ctx: { route: string }): NextResponse {
  if (e instanceof HttpError) return errorResponse(e.status, e.code, e.message, e.extra);
  if (isAgbError(e)) {
    const m = agbErrorStatus(e);
    if (m.status >= 500)
      log.warn(
        { route: ctx.route, kind: e.kind, code: e.code, requestId: e.requestId, msg: e.message },
        "AGB call failed",
      );
    // The browser backs off for Retry-After seconds and says so (see lib/api/throttle.ts).
    const retryAfterS =
      e.kind === "throttled" ? Math.max(1, Math.ceil(e.retryAfterMs / 1000)) : m.status === 503 ? 2 : undefined;
    const headers = retryAfterS ? { "retry-after": String(retryAfterS) } : undefined;
    return errorResponse(m.status, m.code, m.message, { requestId: e.requestId || undefined, headers });
  }
  log.error(
    { route: ctx.route, err: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e) },
    "unexpected error",
  );
  return errorResponse(500, "internal", "The dashboard server failed unexpectedly; the details are in its log.");
}
