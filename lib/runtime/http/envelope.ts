/**
 * The AGB response envelope `{success, code, message, requestId, httpStatusCode, data}` (docs/protocol.md, "The envelope").
 *
 * HTTP status policy (docs/protocol.md, "Success and HTTP status"):
 *   - a malformed request (bad JSON, wrong types, missing/oversized fields, invalid values, bad API key,
 *     unknown route) gets a real HTTP 4xx with the envelope;
 *   - a well-formed request about a session that does not exist (unknown, released, other owner's)
 *     gets HTTP 200 with success:false, code InvalidMcpSession.NotFound, httpStatusCode 400 in the body,
 *     as the SDK's delete() polling and the cloud expect.
 *   - 5xx only for our own bugs.
 */
import type { ServerResponse } from "node:http";
import { OK_CODE, SESSION_NOT_FOUND_CODE, type Envelope } from "../../protocol/envelope";

export class EnvelopeError extends Error {
  constructor(
    /** HTTP status of the response */
    readonly status: number,
    readonly code: string,
    message: string,
    /** `httpStatusCode` in the body (defaults to `status`) */
    readonly bodyStatus?: number,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "InvalidParameter") => new EnvelopeError(400, code, message);

/** The runtime's own disk (database, session images) is full: the operator must free space. */
export const diskFull = (what: string) =>
  new EnvelopeError(
    507,
    "DiskFull",
    `the runtime's data disk is full: ${what}; free space on the data dir's filesystem and retry`,
  );

/** Errors of a full disk from SQLite (SQLITE_FULL) or the filesystem (ENOSPC, EDQUOT). */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT";
}

export const sessionNotFound = (id: string) =>
  new EnvelopeError(200, SESSION_NOT_FOUND_CODE, `Session ${id} not found`, 400, {});

export function okEnvelope(requestId: string, data: unknown, extra: Record<string, unknown> = {}): Envelope {
  return {
    success: true,
    code: OK_CODE,
    message: "",
    requestId,
    httpStatusCode: 200,
    ...(data === undefined ? {} : { data }),
    ...extra,
  };
}

export function errorEnvelope(requestId: string, e: EnvelopeError): Envelope {
  return {
    success: false,
    code: e.code,
    message: e.message,
    requestId,
    httpStatusCode: e.bodyStatus ?? e.status,
    data: e.data ?? {},
  };
}

export function sendJson(res: ServerResponse, status: number, requestId: string, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-request-id": requestId,
    "cache-control": "no-store",
    ...(close ? { connection: "close" } : {}),
  });
  res.end(text);
}
