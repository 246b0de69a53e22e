import "server-only";
// The retention sweep: the only code that deletes audit entries (the database refuses UPDATE, and
// no API edits or deletes them). Entries older than DASHBOARD_AUDIT_RETENTION_DAYS go, in batches
// so a first sweep over a large backlog never holds a long write lock; ended logins go with them.
import { pruneLogins } from "../auth/login-sessions";
import { loadConfig } from "../config";
import { getDb } from "../db/db";
import { log } from "../log";
import { processGlobal } from "../process-global";

const BATCH = 5000;
const HOUR_MS = 3600_000;

/** Deletes entries older than the retention; returns how many went. */
export async function sweepAudit(now = Date.now(), days = loadConfig().auditRetentionDays): Promise<number> {
  const db = await getDb();
  const cutoff = now - days * 24 * HOUR_MS;
  let deleted = 0;
  for (;;) {
    const r = await db
      .deleteFrom("audit_log")
      .where("id", "in", db.selectFrom("audit_log").select("id").where("at", "<", cutoff).limit(BATCH))
      .executeTakeFirst();
    const n = Number(r.numDeletedRows);
    deleted += n;
    if (n < BATCH) break;
  }
  await pruneLogins(now);
  return deleted;
}

const store = processGlobal("audit-retention", () => ({ timer: undefined as NodeJS.Timeout | undefined }));

async function sweepLogged(): Promise<void> {
  try {
    const n = await sweepAudit();
    if (n > 0) log.info({ deleted: n }, "audit retention: old entries deleted");
  } catch (e) {
    log.error({ err: (e as Error).message }, "audit retention sweep failed");
  }
}

/** Sweeps now and every hour; the timer never keeps the process alive. Idempotent. */
export function startAuditRetention(): void {
  if (store.timer) return;
  void sweepLogged();
  store.timer = setInterval(() => void sweepLogged(), HOUR_MS);
  store.timer.unref();
}
