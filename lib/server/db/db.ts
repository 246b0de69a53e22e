import "server-only";
// The dashboard's database: SQLite at `<data>/dashboard/dashboard.db` by default, or PostgreSQL
// when DATABASE_URL is set (then every instance pointed at it shares users, logins, login limits
// and the audit log). One Kysely instance per process; migrations run before its first use.
import Sqlite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../config";
import { processGlobal } from "../process-global";
import { migrations, type Dialect } from "./migrations";
import type { Database } from "./schema";

export type Db = Kysely<Database>;

interface Handle {
  key: string;
  dialect: Dialect;
  db: Db;
  ready: Promise<Db>;
}

const store = processGlobal("db", () => ({ handle: undefined as Handle | undefined }));

// int8 (bigint: our times, ids, count(*)) as a JS number: every value we store fits in 2^53.
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text"),
};

function open(databaseUrl: string | null, dashboardDir: string): { dialect: Dialect; db: Db } {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, types: pgTypes });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    pool.on("error", (e) => console.error(`[db] PostgreSQL connection error: ${e.message}`));
    return { dialect: "postgres", db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
  }
  fs.mkdirSync(dashboardDir, { recursive: true, mode: 0o700 });
  const file = path.join(dashboardDir, "dashboard.db");
  const sqlite = new Sqlite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  fs.chmodSync(file, 0o600);
  return { dialect: "sqlite", db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }) };
}

async function migrate(db: Db, dialect: Dialect): Promise<Db> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  // Several instances share one PostgreSQL: one of a newer version migrates it first, and an older
  // one that starts after it finds a migration it does not know.
  const newer = /previously executed migration (\S+) is missing/.exec((error as Error | undefined)?.message ?? "");
  if (newer)
    throw new Error(
      `The dashboard database was migrated by a newer version of the dashboard (migration ${newer[1]} is unknown to this one): run the same version on every instance that shares it.`,
    );
  if (error || failed)
    throw new Error(
      `The dashboard database could not be migrated${failed ? ` (at ${failed.migrationName})` : ""}: ${
        (error as Error | undefined)?.message ?? "unknown error"
      }`,
    );
  return db;
}

/** The database, migrated. Reopens when DATABASE_URL or the data dir changes (tests). */
export function getDb(): Promise<Db> {
  const cfg = loadConfig();
  const key = cfg.databaseUrl ?? cfg.dashboardDir;
  const h = store.handle;
  if (h && h.key === key) return h.ready;
  if (h) void h.db.destroy().catch(() => {});
  const { dialect, db } = open(cfg.databaseUrl, cfg.dashboardDir);
  const ready = migrate(db, dialect);
  store.handle = { key, dialect, db, ready };
  // A failed migration is not cached: the next call tries again (e.g. PostgreSQL not up yet).
  ready.catch(() => {
    if (store.handle?.ready === ready) store.handle = undefined;
  });
  return ready;
}

export function dbDialect(): Dialect {
  return loadConfig().databaseUrl ? "postgres" : "sqlite";
}

/** Closes the connection (tests, scripts that exit). */
export async function closeDb(): Promise<void> {
  const h = store.handle;
  store.handle = undefined;
  if (h) await h.db.destroy();
}
