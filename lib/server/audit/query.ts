import "server-only";
// Reading the audit log: newest first, in keyset pages (`id < cursor`), so page 1,000 costs what
// page 1 costs and an export walks a million rows without OFFSET. Migration 0002 indexes
// (username, id), (username, session_id, id), and 0001 (session_id, id), (action, id), (at):
// every filter combination the Audit page offers starts from one of them.
import type { Kysely } from "kysely";
import { AUDIT_ACTIONS } from "@/lib/api/endpoints";
import { AUDIT_PAGE, type AuditEntryView, type AuditPage } from "@/lib/api/schemas/audit";
import { getDb } from "../db/db";
import type { AuditTable, Database } from "../db/schema";
import { HttpError } from "../errors";

export interface AuditFilter {
  username?: string;
  sessionId?: string;
  action?: string;
  /** Inclusive bounds, ms since the epoch. */
  from?: number;
  to?: number;
}

/** The API's filter query (already shape-checked by the endpoint's schema) as a store filter. */
export function auditFilterFrom(q: {
  user?: string;
  session?: string;
  action?: string;
  from?: string;
  to?: string;
}): AuditFilter {
  if (q.action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(q.action))
    throw new HttpError(422, "invalid_input", `action: "${q.action.slice(0, 64)}" is not an audited action`, {
      issues: [{ path: "action", message: `one of ${AUDIT_ACTIONS.join(", ")}` }],
    });
  const from = q.from === undefined ? undefined : Date.parse(q.from);
  const to = q.to === undefined ? undefined : Date.parse(q.to);
  if (from !== undefined && to !== undefined && from > to)
    throw new HttpError(422, "invalid_input", "from is later than to: the time range is empty");
  return {
    // Usernames are stored lower-case (normaliseUsername); a filter typed "Alice" means alice.
    username: q.user?.trim().toLowerCase() || undefined,
    sessionId: q.session?.trim() || undefined,
    action: q.action,
    from,
    to,
  };
}

type Row = AuditTable & { id: number };

function toView(r: Row): AuditEntryView {
  let detail: Record<string, unknown>;
  try {
    const d: unknown = JSON.parse(r.detail);
    detail = d && typeof d === "object" && !Array.isArray(d) ? (d as Record<string, unknown>) : { value: d };
  } catch {
    detail = { text: r.detail };
  }
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    username: r.username,
    ip: r.ip,
    sessionId: r.session_id,
    action: r.action,
    detail,
    result: r.result,
    status: r.status,
    requestId: r.request_id,
  };
}

/** One keyset page of rows (newest first) matching `f`, with ids below `before`. */
async function readPage(
  db: Kysely<Database>,
  f: AuditFilter,
  before: number | undefined,
  limit: number,
): Promise<Row[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (f.username !== undefined) q = q.where("username", "=", f.username);
  if (f.sessionId !== undefined) q = q.where("session_id", "=", f.sessionId);
  if (f.action !== undefined) q = q.where("action", "=", f.action);
  if (f.from !== undefined) q = q.where("at", ">=", f.from);
  if (f.to !== undefined) q = q.where("at", "<=", f.to);
  if (before !== undefined) q = q.where("id", "<", before);
  return (await q.orderBy("id", "desc").limit(limit).execute()) as Row[];
}

/** A page of entries, newest first; `nextCursor` reads the next (older) page. */
export async function listAudit(f: AuditFilter, page: { cursor?: string; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(1, page.limit ?? AUDIT_PAGE.default), AUDIT_PAGE.max);
  const before = page.cursor === undefined ? undefined : Number(page.cursor);
  // One row more than asked tells whether another page exists, without a count.
  const rows = await readPage(await getDb(), f, before, limit + 1);
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map(toView);
  return { entries, nextCursor: more ? String(entries[entries.length - 1].id) : null };
}

/** Every entry matching `f`, newest first, read `batch` rows at a time (an export streams these). */
export async function* allAudit(f: AuditFilter, batch = 1000): AsyncGenerator<AuditEntryView[]> {
  const db = await getDb();
  let before: number | undefined;
  for (;;) {
    const rows = await readPage(db, f, before, batch);
    if (rows.length > 0) yield rows.map(toView);
    if (rows.length < batch) return;
    before = rows[rows.length - 1].id;
  }
}
