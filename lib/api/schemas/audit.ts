import { z } from "../zod";

/** Page size of the audit log: default and largest. */
export const AUDIT_PAGE = { default: 50, max: 200 } as const;

const isoTime = (what: string) =>
  z.string().check(
    z.maxLength(64),
    z.refine<string>((s) => !Number.isNaN(Date.parse(s)), { message: `${what} must be a date and time (ISO 8601)` }),
  );

/** `?cursor=` of a keyset page: the id of the last entry of the previous page (its `nextCursor`). */
const cursor = z.optional(
  z.string().check(z.refine<string>((s) => /^[1-9][0-9]{0,15}$/.test(s), { message: "cursor must be an entry id" })),
);
const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(AUDIT_PAGE.max)), AUDIT_PAGE.default);

/**
 * The filters of the audit log. `action` is one of AUDIT_ACTIONS (lib/api/endpoints.ts, checked by
 * the server: the list lives with the endpoint table); `from`/`to` bound the time, both inclusive.
 */
const auditFilters = {
  user: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  session: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  action: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  from: z.optional(isoTime("from")),
  to: z.optional(isoTime("to")),
};

/** GET /api/audit: newest first, keyset pages. */
export const auditQuery = z.object({ ...auditFilters, cursor, limit });

/** GET /api/audit/export: every entry the filters match, as CSV or JSON lines. */
export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export const auditExportQuery = z.object({ ...auditFilters, format: z._default(z.enum(AUDIT_EXPORT_FORMATS), "csv") });

/** GET /api/sessions/[id]/audit: one session's own history. */
export const sessionAuditQuery = z.object({ cursor, limit });

export const auditEntry = z.object({
  id: z.number(),
  /** ISO time. */
  at: z.string(),
  username: z.string(),
  ip: z.string(),
  sessionId: z.nullable(z.string()),
  action: z.string(),
  /** What was done: code text, command, path and size (never file content). */
  detail: z.record(z.string(), z.unknown()),
  /** `ok`, or the error code of the answer. */
  result: z.string(),
  status: z.number(),
  requestId: z.nullable(z.string()),
});
export type AuditEntryView = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  entries: z.array(auditEntry),
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: z.nullable(z.string()),
});
export type AuditPage = z.infer<typeof auditPage>;
