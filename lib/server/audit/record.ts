import "server-only";
// Writing the audit log: one row per change or console action, written before the answer leaves,
// so an answered request is a recorded one. Nothing in the application updates a row (the
// database refuses UPDATE); only the retention sweep deletes.
import { createHash } from "node:crypto";
import { getDb } from "../db/db";
import { log } from "../log";

export interface AuditEntry {
  action: string;
  userId: number | null;
  username: string;
  ip: string;
  sessionId?: string | null;
  /** What was done: code text, command, path and size. Never file content. */
  detail: Record<string, unknown>;
  /** `ok`, or the error code of the answer. */
  result: string;
  status: number;
  requestId?: string | null;
}

/** Text longer than this (code, a command) is stored cut, with its full length and SHA-256. */
export const MAX_TEXT = 64 * 1024;

/** Keeps a long text recognisable without storing megabytes per run. */
export function auditText(text: string): string | { head: string; chars: number; sha256: string } {
  if (text.length <= MAX_TEXT) return text;
  return { head: text.slice(0, MAX_TEXT), chars: text.length, sha256: createHash("sha256").update(text).digest("hex") };
}

export async function recordAudit(e: AuditEntry): Promise<void> {
  try {
    const db = await getDb();
    await db
      .insertInto("audit_log")
      .values({
        at: Date.now(),
        user_id: e.userId,
        username: e.username,
        ip: e.ip,
        session_id: e.sessionId ?? null,
        action: e.action,
        detail: JSON.stringify(e.detail),
        result: e.result,
        status: e.status,
        request_id: e.requestId ?? null,
      })
      .execute();
  } catch (err) {
    // The action already happened: an audit write that fails must not turn its answer into an
    // error, but it must not pass silently either.
    log.error({ action: e.action, user: e.username, err: (err as Error).message }, "audit log write failed");
  }
}
