// Typed AGB errors. Every failure keeps the AGB requestId so a person can quote it to support.
import { looksNotFound } from "@/lib/protocol/envelope";

export type AgbErrorKind =
  | "not_found" // the session (or file) does not exist or was released
  | "invalid_input" // AGB rejected the arguments
  | "auth" // AGB rejected our API key
  | "timeout" // no answer within the configured timeout
  | "network" // could not reach AGB at all (refused, DNS, reset)
  | "throttled" // AGB is limiting our request rate (HTTP 429 or a throttling code): try again later
  | "protocol" // AGB answered with something we cannot read
  | "failed"; // AGB answered with a business error that fits no other kind

// Server code runs in several copies of this module (Next's page and route runtimes, server.ts), and
// the process shares one AGB client between them (lib/server/agb.ts): an error thrown by one copy's
// class must still be an AgbError to the others, so instanceof goes by a registered brand.
const BRAND = Symbol.for("agb-dashboard.AgbError");

export class AgbError extends Error {
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly kind: AgbErrorKind;
  readonly code: string;
  readonly requestId: string;
  readonly httpStatus: number;
  /** For "throttled": how long AGB asked us to wait (its Retry-After), or our own backoff. */
  readonly retryAfterMs: number;

  constructor(
    kind: AgbErrorKind,
    message: string,
    opts: { code?: string; requestId?: string; httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AgbError";
    this.kind = kind;
    this.code = opts.code ?? kind;
    this.requestId = opts.requestId ?? "";
    this.httpStatus = opts.httpStatus ?? 0;
    this.retryAfterMs = opts.retryAfterMs ?? 0;
  }
}

export const isAgbError = (e: unknown): e is AgbError => e instanceof AgbError;

export { looksNotFound };

/** Classifies a business error from an envelope's code and message. */
export function classify(code: string, message: string, httpStatus: number): AgbErrorKind {
  if (httpStatus === 429 || looksThrottled(code)) return "throttled";
  if (looksNotFound(code, message)) return "not_found";
  const c = code.toLowerCase();
  if (
    httpStatus === 401 ||
    httpStatus === 403 ||
    c.includes("unauthorized") ||
    c.includes("forbidden") ||
    c.includes("apikey")
  )
    return "auth";
  if (
    c.includes("invalid") ||
    c.includes("badrequest") ||
    c.includes("missing") ||
    httpStatus === 400 ||
    httpStatus === 422
  )
    return "invalid_input";
  return "failed";
}

/** AGB's throttling codes ("Throttling", "Throttling.User", "TooManyRequests"...). */
export function looksThrottled(code: string): boolean {
  const c = code.toLowerCase();
  return c.startsWith("throttling") || c.includes("toomanyrequests") || c.includes("ratelimit");
}
