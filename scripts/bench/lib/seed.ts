import fs from "node:fs";
import { ownerOf } from "../../../lib/runtime/http/server";
import { newSessionId, newToken } from "../../../lib/runtime/sessions/service";
import { openDb } from "../../../lib/runtime/store/db";
import { SessionStore, type NewSession } from "../../../lib/runtime/store/sessions";
import { now } from "./stats";

/**
 * Inserts n sessions straight into the runtime store in runtimeDir (marked seeded, no sandbox; a
 * seeded session gets its sandbox lazily on its first tool call), owned by the runtime key `key`,
 * labelled team (10 values), env (7), project (100) and idx. Returns how long the insert took.
 */
export function seedSessions(
  runtimeDir: string,
  key: string,
  n: number,
  opts: { imageId: string; createdAt: (i: number, t0: number) => number },
): { insertMs: number } {
  fs.mkdirSync(runtimeDir, { recursive: true });
  const db = openDb(runtimeDir);
  const store = new SessionStore(db);
  const owner = ownerOf(key);
  const t0 = Date.now();
  const rows: { session: NewSession; labels: Record<string, string> }[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      session: {
        id: newSessionId(),
        owner,
        imageId: opts.imageId,
        nowMs: opts.createdAt(i, t0),
        idleTimeoutS: 86_400,
        token: newToken(),
        slot: null,
        sandboxed: true,
        seeded: true,
      },
      labels: { team: `team-${i % 10}`, env: `env-${i % 7}`, project: `p-${i % 100}`, idx: String(i) },
    });
  }
  const s0 = now();
  store.insertMany(rows);
  const insertMs = now() - s0;
  db.close();
  return { insertMs };
}
