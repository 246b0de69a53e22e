import "server-only";
// The route wrapper: authentication, CSRF, input parsing (from the endpoint table) and error
// mapping, in one place, so each app/api/**/route.ts is a few lines that call a server function.
import { NextResponse, type NextRequest } from "next/server";
import { safeParse, type $ZodType } from "zod/v4/core";
import { repeatedKeys, type AnswerOf, type BodyOf, type Endpoint, type QueryOf } from "@/lib/api/endpoints";
import { MUTATIONS, isSameOrigin } from "./auth/origin";
import { isLoggedIn } from "./auth/session";
import { readBodyLimited } from "./body";
import { errorResponse, HttpError, toErrorResponse, type Issue } from "./errors";

/** Default limit of a JSON body; a route that needs less (login) says so in its spec. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** AGB session ids are short tokens; anything else cannot name a session. */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface RouteContext<B, Q> {
  req: NextRequest;
  params: Record<string, string>;
  /** The `[id]` segment, validated, when the route has one. */
  id: string;
  body: B;
  query: Q;
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
  const h = async (req: NextRequest, nextCtx: NextCtx): Promise<Response> => {
    try {
      if (endpoint.auth !== false && !(await isLoggedIn(req)))
        return errorResponse(401, "unauthenticated", "Log in to use the dashboard API.");
      if (MUTATIONS.has(req.method) && !isSameOrigin(req))
        return errorResponse(
          403,
          "cross_origin",
          "This request must come from the dashboard's own pages (the Origin header is missing or foreign).",
        );

      const raw = (await nextCtx?.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) params[k] = Array.isArray(v) ? v.join("/") : v;
      const id = params.id ?? "";
      if ("id" in params && !SESSION_ID.test(id))
        throw new HttpError(404, "not_found", `No session with id "${id.slice(0, 140)}"`);

      let query = undefined as QueryOf<E>;
      if (endpoint.query) {
        const sp = req.nextUrl.searchParams;
        const q: Record<string, string | string[]> = {};
        for (const k of new Set(sp.keys())) q[k] = repeated.has(k) ? sp.getAll(k) : sp.get(k)!;
        query = parse<QueryOf<E>>(endpoint.query, q);
      }
      let body = undefined as BodyOf<E>;
      if (endpoint.body && endpoint.body !== "multipart")
        body = parse<BodyOf<E>>(endpoint.body, await readJson(req, endpoint.maxBodyBytes ?? MAX_JSON_BYTES));

      const result = await handler({ req, params, id, body, query });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? {}, {
        status: endpoint.status ?? 200,
        headers: { "cache-control": "no-store" },
      });
    } catch (e) {
      return toErrorResponse(e, { route: name });
    }
  };
  return Object.assign(h, { endpoint });
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
