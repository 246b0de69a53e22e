// The browser's client of the dashboard API: every call names a row of the endpoint table (through
// its browser copy, lib/api/endpoint-paths.ts), which builds the URL and types the answer, and an
// error always arrives as an ApiError with the server's code, message and AGB requestId.
// Answers are not parsed again here: the server validated its inputs and AGB's answers with the
// table's zod schemas, and type-checks what each handler returns against the same table, so the
// browser's first load carries no zod. Error bodies are parsed with their schema, loaded on the
// first error.
import type { AnswerOf, BodyInput, Endpoint, QueryInput } from "./endpoints";
import type { EndpointName, EndpointOf, EndpointRef } from "./endpoint-paths";
import { endpointUrl } from "./endpoint-url";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly issues?: { path: string; message: string }[],
    /** From Retry-After: how long the server asks us to wait (AGB throttling), 0 if it did not say. */
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The answer was 404: the session (or the file) does not exist, or no longer does. */
export const isNotFound = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 404;

/** The ApiError for a failed answer: the server's error body when it sent one, else the HTTP status. */
export async function errorOf(res: Response, body: unknown, retryAfterMs = 0): Promise<ApiError> {
  const { apiErrorBody } = await import("./schemas/errors");
  const parsed = apiErrorBody.safeParse(body);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiError(res.status, e.code, e.message, e.requestId, e.issues, retryAfterMs);
  }
  return new ApiError(res.status, "http_error", `The server answered ${res.status} ${res.statusText}`);
}

async function apiFetch<T>(path: string, json: boolean, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: {
        ...(init?.body && typeof init.body === "string" ? { "content-type": "application/json" } : {}),
        ...init?.headers,
      },
    });
  } catch (e) {
    throw new ApiError(0, "network", `Cannot reach the dashboard server: ${(e as Error).message}`);
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) {
    const retryAfterS = Number(res.headers.get("retry-after") ?? 0);
    throw await errorOf(res, body, Number.isFinite(retryAfterS) ? retryAfterS * 1000 : 0);
  }
  if (!json) return undefined as T;
  if (body === undefined) throw new ApiError(res.status, "bad_response", `Unexpected response from ${path}: not JSON`);
  return body as T;
}

export interface CallOptions<E extends Endpoint> {
  /** The session id of a path with `[id]`. */
  id?: string;
  /** Other path parameters, e.g. `{ tid }` for `[tid]`. */
  params?: Record<string, string>;
  query?: QueryInput<E>;
  body?: BodyInput<E>;
  signal?: AbortSignal;
}

/** The URL of an endpoint, for links and requests the caller makes itself (downloads, streams). */
export const apiUrl = <K extends EndpointName>(
  e: EndpointRef<K>,
  opts: Pick<CallOptions<EndpointOf<K>>, "id" | "params" | "query"> = {},
) => endpointUrl(e, opts.id, opts.query as Record<string, unknown> | undefined, opts.params);

/** Calls one endpoint and returns its answer, typed by the table. */
export function callApi<K extends EndpointName>(
  e: EndpointRef<K>,
  opts: CallOptions<EndpointOf<K>> = {},
): Promise<AnswerOf<EndpointOf<K>>> {
  const body =
    opts.body === undefined
      ? undefined
      : (opts.body as unknown) instanceof FormData
        ? (opts.body as FormData)
        : JSON.stringify(opts.body);
  return apiFetch(apiUrl(e, opts), e.json, { method: e.method, body, signal: opts.signal });
}
