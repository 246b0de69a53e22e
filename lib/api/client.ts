// Typed fetch helpers for the browser (and tests): every dashboard API call goes through apiFetch,
// so an error always arrives as an ApiError with the server's code, message and AGB requestId.
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

export async function apiFetch<T>(path: string, schema: Schema<T> | null, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: { ...(init?.body && typeof init.body === "string" ? { "content-type": "application/json" } : {}), ...init?.headers },
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
      throw new ApiError(res.status, e.code, e.message, e.requestId, e.issues, Number.isFinite(retryAfterS) ? retryAfterS * 1000 : 0);
    }
    throw new ApiError(res.status, "http_error", `The server answered ${res.status} ${res.statusText}`);
  }
  if (schema === null) return undefined as T;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(res.status, "bad_response", `Unexpected response from ${path}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  }
  return parsed.data;
}

export const jsonBody = (value: unknown): RequestInit["body"] => JSON.stringify(value);
