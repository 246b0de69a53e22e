import "server-only";
// The route wrapper: authentication, CSRF, input parsing (zod) and error mapping, in one place,
// so each app/api/**/route.ts is a few lines that call a server function.
import { NextResponse, type NextRequest } from "next/server";
import { safeParse, type $ZodType, type output } from "zod/v4/core";
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

interface Spec<BS extends $ZodType | undefined, QS extends $ZodType | undefined> {
  /** Defaults to true: only login and health are public. */
  auth?: boolean;
  body?: BS;
  query?: QS;
  /** Largest JSON body accepted, in bytes (default 16 MiB); checked while the body streams. */
  maxBodyBytes?: number;
}

type Out<S> = S extends $ZodType ? output<S> : undefined;
type NextCtx = { params: Promise<Record<string, string | string[]>> };

export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

export function route<BS extends $ZodType | undefined = undefined, QS extends $ZodType | undefined = undefined>(
  name: string,
  spec: Spec<BS, QS>,
  handler: (ctx: RouteContext<Out<BS>, Out<QS>>) => Promise<unknown>,
): (req: NextRequest, ctx: NextCtx) => Promise<Response> {
  return async (req, nextCtx) => {
    try {
      if (spec.auth !== false && !(await isLoggedIn(req))) return errorResponse(401, "unauthenticated", "Log in to use the dashboard API.");
      if (MUTATIONS.has(req.method) && !isSameOrigin(req))
        return errorResponse(403, "cross_origin", "This request must come from the dashboard's own pages (the Origin header is missing or foreign).");

      const raw = (await nextCtx?.params) ?? {};
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) params[k] = Array.isArray(v) ? v.join("/") : v;
      const id = params.id ?? "";
      if ("id" in params && !SESSION_ID.test(id)) throw new HttpError(404, "not_found", `No session with id "${id.slice(0, 140)}"`);

      let query = undefined as Out<QS>;
      if (spec.query) {
        const q = Object.fromEntries(req.nextUrl.searchParams);
        const r = safeParse(spec.query, q);
        if (!r.success) throw new HttpError(422, "invalid_input", describe(r.error.issues), { issues: zodIssues(r.error.issues) });
        query = r.data as Out<QS>;
      }
      let body = undefined as Out<BS>;
      if (spec.body) {
        const json = await readJson(req, spec.maxBodyBytes ?? MAX_JSON_BYTES);
        const r = safeParse(spec.body, json);
        if (!r.success) throw new HttpError(422, "invalid_input", describe(r.error.issues), { issues: zodIssues(r.error.issues) });
        body = r.data as Out<BS>;
      }

      const result = await handler({ req, params, id, body, query });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? {}, { headers: { "cache-control": "no-store" } });
    } catch (e) {
      return toErrorResponse(e, { route: name });
    }
  };
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
