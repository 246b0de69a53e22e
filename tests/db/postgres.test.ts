// The store suite against PostgreSQL: a throwaway server (scripts/lib/postgres.mjs) started for
// this file and stopped after it, whatever happens (also at process exit).
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/lib/postgres.mjs";
import { storeSuite } from "./store-suite";

let server: ThrowawayPostgres | null = null;

beforeAll(async () => {
  server = await startThrowawayPostgres({ name: "store_tests" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Another, empty database on the same server. */
async function fresh(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server!.url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return server!.url.replace(/\/[^/]+$/, `/${name}`);
}

describe("store on PostgreSQL", () => storeSuite({ kind: "postgres", url: () => server!.url, fresh }));
