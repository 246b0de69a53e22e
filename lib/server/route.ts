import "server-only";
// The route wrapper: authentication, role, CSRF, input parsing (from the endpoint table), the
// audit record and error mapping, in one place, so each app/api/**/route.ts is a few lines that
// call a server function.
import { NextResponse, type NextRequest } from "next/server";
import { safeParse, type $ZodType } from "zod/v4/core";
import {
  repeatedKeys,
  requiredRole,
  type AnswerOf,
  type BodyOf,
  type Endpoint,
  type QueryOf,
} from "@/lib/api/endpoints";
import { roleAtLeast } from "@/lib/api/roles";
import { auditDetail, createdSessionId } from "./audit/details";
import { recordAudit } from "./audit/record";
import { requestClient } from "./auth/client-address";
import type { Principal } from "./auth/login-sessions";
import { MUTATIONS, isSameOrigin } from "./auth/origin";
import { currentPrincipal } from "./auth/session";
import { readBodyLimited } from "./body";
import { loadConfig } from "./config";
import { errorResponse, HttpError, refusals, SESSION_ID, toErrorResponse, type Issue } from "./errors";

/** Default limit of a JSON body; a route that needs less (login) says so in its spec. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface RouteContext<B, Q> {
  req: NextRequest;
  params: Record<string, string>;
  /** The `[id]` segment, validated, when the route has one. */
  id: string;
  body: B;
  query: Q;
  /** Who is calling (null only on the public rows: login, health). */
  user: Principal | null;
  /**
   * Extra facts for this call's audit record that only the handler knows (an upload's files).
   * A streamed answer sets `requestId` here when its stream learns it (recorded at the stream's end).
   */
  audit: Record<string, unknown>;
}

type NextCtx = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = ((req: NextRequest, ctx: NextCtx) => Promise<Response>) & { endpoint: Endpoint };

export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

function parse<T>(schema: $ZodType, value: unknown): T {
  const r = safeParse(schema, value);
  if (!r.success)
    throw new HttpError(422, "invalid_input", describe(r.error.issues), { issues: zodIssues(r.error.issues) });
  return r.data as T;
}

/**
 * The handler of one row of the endpoint table (lib/api/endpoints.ts): the row's query and body
 * schemas validate the input (repeated query keys included), and the handler must return what the
 * row's answer schema describes (checked by the compiler), or a Response of its own.
 */
export function route<E extends Endpoint>(
  endpoint: E,
  handler: (ctx: RouteContext<BodyOf<E>, QueryOf<E>>) => Promise<AnswerOf<E> | Response>,
): RouteHandler {
  const name = `${endpoint.method} ${endpoint.path}`;
  const repeated = new Set(repeatedKeys(endpoint.query));
  const need = requiredRole(endpoint);
  const h = async (req: NextRequest, nextCtx: NextCtx): Promise<Response> => {
    let user: Principal | null = null;
    let id = "";
    let body = undefined as BodyOf<E>;
    let query = undefined as QueryOf<E>;
    const extra: Record<string, unknown> = {};
    const audit = async (result: unknown, outcome: string, status: number, requestId: string | null) => {
      if (!endpoint.audit || !user) return;
      const { requestId: streamed, ...facts } = extra;
      await recordAudit({
        action: endpoint.audit,
        userId: user.userId,
        username: user.username,
        ip: requestClient(req.headers, loadConfig().trustedProxies).ip,
        sessionId: (SESSION_ID.test(id) && id) || createdSessionId(result),
        detail: { ...auditDetail(endpoint.audit, { body, query, result }), ...facts },
        result: outcome,
        status,
        requestId: requestId ?? (typeof streamed === "string" ? streamed : null),
      });
    };
    try {
      if (endpoint.auth !== false) {
        user = await currentPrincipal(req);
        if (!user) {
          const e = refusals.notLoggedIn();
          return errorResponse(e.status, e.code, e.message);
        }
      }
      if (MUTATIONS.has(req.method) && !isSameOrigin(req))
        return errorResponse(
          403,
          "cross_origin",
          "This request must come from the dashboard's own pages (the Origin header is missing or foreign).",
        );
      const raw = (await nextCtx?.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) params[k] = Array.isArray(v) ? v.join("/") : v;
      // Read before the role check so a refused attempt's audit entry names its session.
      id = params.id ?? "";
      // Thrown, not returned: a refused attempt at a change goes to the audit log too.
      if (user && !roleAtLeast(user.role, need)) throw refusals.roleTooLow(user.role, need);
      if ("id" in params && !SESSION_ID.test(id)) throw refusals.noSuchSession(id);

      if (endpoint.query) {
        const sp = req.nextUrl.searchParams;
        const q: Record<string, string | string[]> = {};
        for (const k of new Set(sp.keys())) q[k] = repeated.has(k) ? sp.getAll(k) : sp.get(k)!;
        query = parse<QueryOf<E>>(endpoint.query, q);
      }
      if (endpoint.body && endpoint.body !== "multipart")
        body = parse<BodyOf<E>>(endpoint.body, await readJson(req, endpoint.maxBodyBytes ?? MAX_JSON_BYTES));

      const result = await handler({ req, params, id, body, query, user, audit: extra });
      const status = result instanceof Response ? result.status : (endpoint.status ?? 200);
      if (endpoint.audit && endpoint.answer === "event-stream" && result instanceof Response && result.body)
        return auditAtEnd(result, req.signal, (outcome) => audit(undefined, outcome, status, null));
      await audit(result, "ok", status, requestIdOf(result));
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? {}, { status, headers: { "cache-control": "no-store" } });
    } catch (e) {
      const res = toErrorResponse(e, { route: name });
      // A refused or failed change is recorded too, with the code and requestId the user saw.
      if (endpoint.audit && user) {
        const err = (await res
          .clone()
          .json()
          .catch(() => null)) as {
          error?: { code?: string; requestId?: string };
        } | null;
        await audit(undefined, err?.error?.code ?? "error", res.status, err?.error?.requestId ?? null);
      }
      return res;
    }
  };
  return Object.assign(h, { endpoint });
}

/**
 * A streamed answer's audit record waits for the stream's end, when its requestId is known
 * (`ctx.audit.requestId`); a client that goes away first is recorded as `aborted`.
 */
function auditAtEnd(res: Response, signal: AbortSignal, record: (outcome: string) => Promise<void>): Response {
  let done = false;
  const once = (outcome: string) => {
    if (done) return;
    done = true;
    return record(outcome);
  };
  signal.addEventListener("abort", () => void once("aborted"), { once: true });
  const body = res.body!.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: () => once("ok") }));
  return new Response(body, { status: res.status, headers: res.headers });
}

/** The AGB requestId of an answer that carries one. */
function requestIdOf(result: unknown): string | null {
  if (!result || typeof result !== "object" || result instanceof Response) return null;
  const r = (result as { requestId?: unknown }).requestId;
  return typeof r === "string" && r ? r : null;
}

function describe(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return "Invalid input";
  const where = first.path.map(String).join(".");
  return `${where ? `${where}: ` : ""}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`;
}

async function readJson(req: NextRequest, max: number): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyLimited(req, max));
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, "malformed_json", `The request body is not valid JSON: ${(e as Error).message}`);
  }
}
