// The AGB response envelope (docs/protocol.md, "The envelope") and the not-found test both sides use.
import { z } from "zod/mini";

export interface Envelope {
  success: boolean;
  code: string;
  message: string;
  requestId: string;
  httpStatusCode: number;
  data?: unknown;
  [extra: string]: unknown;
}

export const OK_CODE = "OK";
/** What a well-formed call about a session that is not there answers (HTTP 200, success:false). */
export const SESSION_NOT_FOUND_CODE = "InvalidMcpSession.NotFound";

/** An envelope as a client reads it: every field may be missing or of another type. */
export const envelopeSchema = z.looseObject({
  success: z.optional(z.unknown()),
  code: z.catch(z.optional(z.string()), undefined),
  message: z.catch(z.optional(z.string()), undefined),
  requestId: z.optional(z.unknown()),
  httpStatusCode: z.catch(z.optional(z.number()), undefined),
  data: z.optional(z.unknown()),
});
export type WireEnvelope = z.infer<typeof envelopeSchema>;

/** "Not found" as the SDK's delete polling and its tests detect it: in the code or the message. */
export function looksNotFound(code: string, message: string): boolean {
  const c = code.toLowerCase();
  const m = message.toLowerCase();
  return c.includes("notfound") || c.includes("not found") || m.includes("not found") || m.includes("notfound");
}
