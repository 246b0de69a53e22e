/**
 * Test control of the runtime, on only with AGB_RUNTIME_FAULTS=1 and kept off the AGB surface (its
 * own path prefix and its own key, never the API key; strict mode hides nothing here because no AGB
 * client ever calls it):
 *
 *   POST /_control/throttle   {count, as?: "http"|"code", paths?: ["/sdk/ListSession", ...]}
 *        the next `count` AGB calls (only those to `paths` when given) answer AGB's throttling error:
 *        as "http" (default) HTTP 429; as "code" HTTP 200 with success:false. Both carry
 *        code "Throttling" and httpStatusCode 429 in the envelope.
 *   GET  /_control/calls      {calls: {"GET /sdk/ListSession": n, ...}, total}: AGB calls received
 *        since start or the last reset (throttled ones included; /health and /_control excluded)
 *   POST /_control/reset      clears the counters and any pending throttling
 *   GET  /_control/pool       {ready, warming, target}: the sandbox pool right now (benches print it
 *        beside figures that depend on it)
 *
 * Every request needs the header `x-control-key: <key>` (AGB_RUNTIME_FAULTS_KEY, or the generated
 * `<data>/runtime/control-key`); a wrong or missing key is 401.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { SandboxPool } from "../sandbox/pool";
import { EnvelopeError } from "./envelope";
import { describeIssues, type Ctx, type Route } from "./context";

export const CONTROL_PREFIX = "/_control/";
export const THROTTLE_CODE = "Throttling";
export const THROTTLE_MESSAGE = "Request was denied due to request throttling.";

interface PendingThrottle {
  remaining: number;
  as: "http" | "code";
  paths: Set<string> | null;
}

export class Control {
  private calls = new Map<string, number>();
  private throttle: PendingThrottle | null = null;

  constructor(
    readonly key: string,
    private readonly poolState: () => SandboxPool["state"],
  ) {}

  /** Counts one AGB call; returns the throttling error when one is pending for this path. */
  onAgbCall(method: string, path: string): EnvelopeError | null {
    const k = `${method} ${path}`;
    this.calls.set(k, (this.calls.get(k) ?? 0) + 1);
    const t = this.throttle;
    if (!t || (t.paths && !t.paths.has(path))) return null;
    if (--t.remaining <= 0) this.throttle = null;
    return t.as === "http"
      ? new EnvelopeError(429, THROTTLE_CODE, THROTTLE_MESSAGE)
      : new EnvelopeError(200, THROTTLE_CODE, THROTTLE_MESSAGE, 429);
  }

  routes(): Route[] {
    const guard = (ctx: Ctx) => {
      const given = Buffer.from(String(ctx.headers["x-control-key"] ?? ""));
      const want = Buffer.from(this.key);
      if (given.length !== want.length || !crypto.timingSafeEqual(given, want))
        throw new EnvelopeError(
          401,
          "InvalidControlKey",
          "missing or wrong x-control-key for the runtime's /_control endpoints",
        );
    };
    const throttleInput = z.object({
      count: z.number({ error: "count must be a number of calls" }).int().min(1).max(10_000),
      as: z.enum(["http", "code"], { error: 'as must be "http" or "code"' }).optional().default("http"),
      paths: z.array(z.string().startsWith("/")).min(1).optional(),
    });
    return [
      {
        method: "POST",
        path: `${CONTROL_PREFIX}throttle`,
        auth: false,
        handle: (ctx) => {
          guard(ctx);
          const p = throttleInput.safeParse(ctx.body);
          if (!p.success) throw new EnvelopeError(400, "InvalidParameter", describeIssues(p.error));
          this.throttle = {
            remaining: p.data.count,
            as: p.data.as,
            paths: p.data.paths ? new Set(p.data.paths) : null,
          };
          return { data: { pending: p.data.count } };
        },
      },
      {
        method: "GET",
        path: `${CONTROL_PREFIX}calls`,
        auth: false,
        handle: (ctx) => {
          guard(ctx);
          const calls = Object.fromEntries(this.calls);
          return { data: { calls, total: [...this.calls.values()].reduce((a, b) => a + b, 0) } };
        },
      },
      {
        method: "GET",
        path: `${CONTROL_PREFIX}pool`,
        auth: false,
        handle: (ctx) => {
          guard(ctx);
          return { data: this.poolState() };
        },
      },
      {
        method: "POST",
        path: `${CONTROL_PREFIX}reset`,
        auth: false,
        handle: (ctx) => {
          guard(ctx);
          this.calls.clear();
          this.throttle = null;
          return { data: {} };
        },
      },
    ];
  }
}
