// The browser's client of the dashboard API: every call names a row of the endpoint table, which
// builds the URL and parses the answer, so an answer is always what the table says and an error
// always arrives as an ApiError with the server's code, message and AGB requestId.
import { endpointUrl, type AnswerOf, type BodyInput, type Endpoint, type QueryInput } from "./endpoints";
import type { z } from "./zod";
import { apiErrorBody } from "./schemas/errors";

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

type Schema<T> = z.ZodMiniType<T>;

async function apiFetch<T>(path: string, schema: Schema<T> | null, init?: RequestInit): Promise<T> {
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
    const parsed = apiErrorBody.safeParse(body);
    if (parsed.success) {
      const e = parsed.data.error;
      const retryAfterS = Number(res.headers.get("retry-after") ?? 0);
      throw new ApiError(
        res.status,
        e.code,
        e.message,
        e.requestId,
        e.issues,
        Number.isFinite(retryAfterS) ? retryAfterS * 1000 : 0,
      );
    }
    throw new ApiError(res.status, "http_error", `The server answered ${res.status} ${res.statusText}`);
  }
  if (schema === null) return undefined as T;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      res.status,
      "bad_response",
      `Unexpected response from ${path}: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
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
export const apiUrl = <E extends Endpoint>(e: E, opts: Pick<CallOptions<E>, "id" | "params" | "query"> = {}) =>
  endpointUrl(e, opts.id, opts.query as Record<string, unknown> | undefined, opts.params);

/** Calls one endpoint and returns its answer, parsed with the table's schema. */
export function callApi<E extends Endpoint>(e: E, opts: CallOptions<E> = {}): Promise<AnswerOf<E>> {
  const body =
    opts.body === undefined
      ? undefined
      : (opts.body as unknown) instanceof FormData
        ? (opts.body as FormData)
        : JSON.stringify(opts.body);
  const schema = typeof e.answer === "string" ? null : (e.answer as Schema<AnswerOf<E>>);
  return apiFetch(apiUrl(e, opts), schema, { method: e.method, body, signal: opts.signal });
}
