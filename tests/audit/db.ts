// The audit store's tests run on both databases: a throwaway SQLite file, and a throwaway
// PostgreSQL server (scripts/lib/postgres.mjs) started on first use, one per test file; each
// freshDb() gets its own empty database on it. Call stopPostgres() in the file's afterAll.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/lib/postgres.mjs";
import { closeDb, getDb } from "@/lib/server/db/db";

export const DIALECTS = ["sqlite", "postgres"] as const;
export type TestDialect = (typeof DIALECTS)[number];

let server: Promise<ThrowawayPostgres> | null = null;

export async function stopPostgres(): Promise<void> {
  const s = server;
  server = null;
  if (s) await (await s).stop();
}

async function createDatabase(name: string): Promise<string> {
  server ??= startThrowawayPostgres({ name: "audit_tests" });
  const url = (await server).url;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}"`);
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  return url.replace(/\/[^/]+$/, `/${name}`);
}

/** Points the dashboard's config at a fresh database of `dialect`; returns its cleanup. */
export async function freshDb(dialect: TestDialect, tag: string): Promise<() => Promise<void>> {
  await closeDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dash-${tag}-`));
  Object.assign(process.env, { AGB_ENDPOINT: "http://127.0.0.1:1", AGB_API_KEY: "unused", AGB_DATA_DIR: dir });
  if (dialect === "postgres") process.env.DATABASE_URL = await createDatabase(tag.replace(/\W/g, "_").toLowerCase());
  else delete process.env.DATABASE_URL;
  await getDb();
  return async () => {
    await closeDb();
    delete process.env.DATABASE_URL;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
