/** Opens the runtime's SQLite database (WAL) and applies the schema. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type DB = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,     -- monotonic, never reused: ordering and list cursor
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,                       -- sha256 prefix of the API key, never the key
  image_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  last_activity_ms INTEGER NOT NULL,
  idle_timeout_s INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,               -- last_activity_ms + idle_timeout_s * 1000
  token TEXT NOT NULL,
  slot INTEGER,                              -- sandbox slot (uid 100000+slot, files in slots/<slot>); NULL = none yet
  sandboxed INTEGER NOT NULL,
  seeded INTEGER NOT NULL DEFAULT 0,         -- inserted by a benchmark without a sandbox
  status TEXT NOT NULL DEFAULT 'RUNNING'
);
CREATE INDEX IF NOT EXISTS sessions_owner_seq ON sessions(owner, seq);
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions(expires_ms);
CREATE UNIQUE INDEX IF NOT EXISTS sessions_slot ON sessions(slot) WHERE slot IS NOT NULL;
CREATE TABLE IF NOT EXISTS labels (
  seq INTEGER NOT NULL,
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (seq, key)
) WITHOUT ROWID;
-- An AND filter walks the first pair's entries newest first and probes (seq, key) for the others.
CREATE INDEX IF NOT EXISTS labels_owner_kv_seq ON labels(owner, key, value, seq);
`;

export function openDb(runtimeDir: string): DB {
  fs.mkdirSync(runtimeDir, { recursive: true });
  const file = path.join(runtimeDir, "agb.sqlite");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // WAL + NORMAL survives a killed process (kill -9); only an OS crash could lose the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = OFF");
  db.exec(SCHEMA);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      /* the -wal/-shm files may not exist yet */
    }
  }
  return db;
}
