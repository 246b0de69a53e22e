// The audit store's tests run on a throwaway SQLite file, and also on PostgreSQL when
// TEST_DATABASE_URL names a server (each file gets its own database, dropped at the end).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDb, getDb } from "@/lib/server/db/db";

export const DIALECTS = ["sqlite", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** Points the dashboard's config at a fresh database of `dialect`; returns its cleanup. */
export async function freshDb(dialect: TestDialect, tag: string): Promise<() => Promise<void>> {
  await closeDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dash-${tag}-`));
  Object.assign(process.env, { AGB_ENDPOINT: "http://127.0.0.1:1", AGB_API_KEY: "unused", AGB_DATA_DIR: dir });
  let dropDb = async () => {};
  if (dialect === "postgres") {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `audit_${tag.replace(/\W/g, "_")}_${process.pid}_${Date.now()}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    process.env.DATABASE_URL = u.toString();
    dropDb = async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
  } else delete process.env.DATABASE_URL;
  await getDb();
  return async () => {
    await closeDb();
    await dropDb();
    delete process.env.DATABASE_URL;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
