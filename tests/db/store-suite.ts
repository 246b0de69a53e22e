// The dashboard's store (migrations, users, logins, the login limit, the audit log) against one
// real database. sqlite.test.ts and postgres.test.ts run this same suite, so both databases are
// held to the same behaviour. The database is chosen the way the server chooses it: from
// process.env (DATABASE_URL set: PostgreSQL; else SQLite under AGB_DATA_DIR/dashboard).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createLogin,
  endAllLogins,
  endLogin,
  listLogins,
  principalFromToken,
  pruneLogins,
} from "@/lib/server/auth/login-sessions";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password-hash";
import { accountUnderAttack, recordFailure, recordSuccess, retryAfterMs } from "@/lib/server/auth/rate-limit";
import { signSessionToken } from "@/lib/server/auth/session-token";
import { recordAudit } from "@/lib/server/audit/record";
import { closeDb, dbDialect, getDb } from "@/lib/server/db/db";
import { migrations } from "@/lib/server/db/migrations";
import type { Database } from "@/lib/server/db/schema";
import {
  activeAdminCount,
  createUser,
  findUserByOidcSubject,
  findUserForLogin,
  getUser,
  isUniqueViolation,
  listUsers,
  updateUser,
  userCount,
} from "@/lib/server/users/store";

export type StoreBackend =
  | { kind: "sqlite" }
  /** `url()`: a database of a server started in beforeAll; `fresh()`: another, empty database on it. */
  | { kind: "postgres"; url: () => string; fresh: (name: string) => Promise<string> };

const SECRET = randomBytes(36).toString("base64url");
const TTL_H = 1;
const IDLE_MIN = 30;
const client = { ip: "203.0.113.7", userAgent: "vitest" };

export function storeSuite(backend: StoreBackend) {
  const saved = { ...process.env };
  let dataDir = "";

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dash-store-${backend.kind}-`));
    Object.assign(process.env, {
      AGB_ENDPOINT: "http://127.0.0.1:1",
      AGB_API_KEY: "k",
      AGB_DATA_DIR: dataDir,
      DASHBOARD_SESSION_SECRET: SECRET,
      DASHBOARD_SESSION_TTL_H: String(TTL_H),
      DASHBOARD_SESSION_IDLE_MIN: String(IDLE_MIN),
    });
    if (backend.kind === "postgres") process.env.DATABASE_URL = backend.url();
    else delete process.env.DATABASE_URL;
  });

  /** A connection of our own, beside getDb(): for what the store must not be used for. */
  async function rawDb(): Promise<{ db: Kysely<unknown>; close(): Promise<void> }> {
    const db = new Kysely<unknown>({
      dialect:
        backend.kind === "postgres"
          ? new PostgresDialect({ pool: new pg.Pool({ connectionString: backend.url(), max: 1 }) })
          : new SqliteDialect({ database: new Sqlite(path.join(dataDir, "dashboard", "dashboard.db")) }),
    });
    return { db, close: () => db.destroy() };
  }

  afterAll(async () => {
    await closeDb();
    process.env = saved;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Every test starts from empty tables (the schema stays).
  beforeEach(async () => {
    const db = await getDb();
    for (const t of ["login_sessions", "invites", "login_failures", "audit_log", "users"] as const)
      await db.deleteFrom(t).execute();
  });

  it("uses the database process.env selects", async () => {
    expect(dbDialect()).toBe(backend.kind);
    const db = await getDb();
    if (backend.kind === "postgres") {
      const { rows } = await sql<{ v: string }>`SELECT version() AS v`.execute(db);
      expect(rows[0].v).toMatch(/^PostgreSQL/);
      expect(fs.existsSync(path.join(dataDir, "dashboard", "dashboard.db"))).toBe(false);
    } else {
      expect(fs.existsSync(path.join(dataDir, "dashboard", "dashboard.db"))).toBe(true);
    }
  });

  describe("migrations", () => {
    const applied = async () =>
      (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(await getDb())).rows.map(
        (r) => r.name,
      );

    it("run once: every migration recorded one time, and running them again changes nothing", async () => {
      const all = Object.keys(migrations(backend.kind));
      expect(await applied()).toEqual(all);
      const u = await createUser({ username: "kept", role: "viewer", passwordHash: null });

      const again = await new Migrator({
        db: await getDb(),
        provider: { getMigrations: async () => migrations(backend.kind) },
      }).migrateToLatest();
      expect(again.error).toBeUndefined();
      expect(again.results).toEqual([]);

      // A restart (a new connection) migrates nothing either, and keeps the data.
      await closeDb();
      expect(await applied()).toEqual(all);
      expect((await getUser(u.id))?.username).toBe("kept");
    });

    it("an older dashboard refuses a database a newer one migrated, with a message that says so", async () => {
      const db = await getDb();
      await db
        .insertInto("kysely_migration" as never)
        .values({ name: "9999_from_the_future", timestamp: new Date().toISOString() } as never)
        .execute();
      try {
        await closeDb();
        await expect(getDb()).rejects.toThrow(
          /migrated by a newer version of the dashboard \(migration 9999_from_the_future/,
        );
      } finally {
        await closeDb();
        const raw = await rawDb();
        await sql`DELETE FROM kysely_migration WHERE name = '9999_from_the_future'`.execute(raw.db);
        await raw.close();
      }
      expect(await userCount()).toBe(0);
    });

    if (backend.kind === "postgres")
      it("three instances migrating one fresh PostgreSQL at once all succeed, and migrate it once (the Migrator's lock)", async () => {
        const url = await backend.fresh("concurrent_migrations");
        const open = () =>
          new Kysely<Database>({
            dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
          });
        const dbs = [open(), open(), open()];
        try {
          const runs = await Promise.all(
            dbs.map((db) =>
              new Migrator({ db, provider: { getMigrations: async () => migrations("postgres") } }).migrateToLatest(),
            ),
          );
          for (const r of runs) expect(r.error).toBeUndefined();
          // Exactly one of them ran each migration; the others found it done.
          const ran = runs.flatMap((r) => r.results ?? []).filter((x) => x.status === "Success");
          expect(ran.map((x) => x.migrationName)).toEqual(Object.keys(migrations("postgres")));
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`.execute(dbs[0]);
          expect(rows[0].n).toBe(Object.keys(migrations("postgres")).length);
          await dbs[0]
            .insertInto("users")
            .values({
              username: "x",
              role: "viewer",
              password_hash: null,
              oidc_subject: null,
              disabled: 0,
              created_at: 1,
              updated_at: 1,
            })
            .execute();
        } finally {
          await Promise.all(dbs.map((db) => db.destroy()));
        }
      });

    it("getDb() follows process.env: another data dir or DATABASE_URL is another database; closeDb() closes", async () => {
      const first = await getDb();
      await createUser({ username: "here", role: "viewer", passwordHash: null });
      expect(await getDb()).toBe(first);

      const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-store-other-"));
      const before = { AGB_DATA_DIR: process.env.AGB_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
      try {
        if (backend.kind === "postgres") process.env.DATABASE_URL = await backend.fresh("other_instance");
        else process.env.AGB_DATA_DIR = otherDir;
        const second = await getDb();
        expect(second).not.toBe(first);
        expect(await findUserForLogin("here")).toBeNull();
        expect(await userCount()).toBe(0);
        if (backend.kind === "sqlite")
          expect(fs.existsSync(path.join(otherDir, "dashboard", "dashboard.db"))).toBe(true);
      } finally {
        Object.assign(process.env, before);
        if (before.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
        fs.rmSync(otherDir, { recursive: true, force: true });
      }
      expect((await findUserForLogin("here"))?.username).toBe("here");

      const open = await getDb();
      await closeDb();
      await expect(open.selectFrom("users").selectAll().execute()).rejects.toThrow();
      expect(await getDb()).not.toBe(open);
    });
  });

  describe("users", () => {
    it("stores names in lower case and refuses a taken name whatever its case", async () => {
      const alice = await createUser({ username: "  Alice ", role: "operator", passwordHash: null });
      expect(alice).toMatchObject({
        username: "alice",
        role: "operator",
        disabled: false,
        hasPassword: false,
        oidc: false,
      });
      let err: unknown = null;
      try {
        await createUser({ username: "ALICE", role: "viewer", passwordHash: null });
      } catch (e) {
        err = e;
      }
      expect(err, "a second ALICE must be refused").not.toBeNull();
      expect(isUniqueViolation(err)).toBe(true);
      expect(isUniqueViolation(new Error("something else"))).toBe(false);
      expect((await findUserForLogin("aLiCe"))?.id).toBe(alice.id);
      expect(await userCount()).toBe(1);
    });

    it("updates role, disabled and password; lists in name order; finds OIDC users by subject", async () => {
      const bob = await createUser({
        username: "bob",
        role: "viewer",
        passwordHash: await hashPassword("bob-password-1"),
      });
      const carol = await createUser({
        username: "carol",
        role: "viewer",
        passwordHash: null,
        oidcSubject: "https://idp sub-1",
      });
      expect(bob.hasPassword).toBe(true);
      expect(carol.oidc).toBe(true);

      const changed = await updateUser(bob.id, {
        role: "operator",
        disabled: true,
        passwordHash: await hashPassword("bob-password-2"),
      });
      expect(changed).toMatchObject({ role: "operator", disabled: true });
      expect(changed!.updatedAt).toBeGreaterThanOrEqual(bob.updatedAt);
      const stored = await findUserForLogin("bob");
      expect(await verifyPassword("bob-password-2", stored!.passwordHash)).toBe(true);
      expect(await verifyPassword("bob-password-1", stored!.passwordHash)).toBe(false);
      expect((await updateUser(bob.id, { disabled: false }))?.disabled).toBe(false);
      expect(await updateUser(999_999, { role: "admin" })).toBeNull();

      expect((await listUsers()).map((u) => u.username)).toEqual(["bob", "carol"]);
      expect((await findUserByOidcSubject("https://idp sub-1"))?.id).toBe(carol.id);
      expect(await findUserByOidcSubject("https://idp sub-2")).toBeNull();
      expect(await getUser(999_999)).toBeNull();
    });

    it("counts the admins who can still log in", async () => {
      const a = await createUser({ username: "a1", role: "admin", passwordHash: null });
      const b = await createUser({ username: "a2", role: "admin", passwordHash: null });
      await createUser({ username: "op", role: "operator", passwordHash: null });
      expect(await activeAdminCount()).toBe(2);
      await updateUser(a.id, { disabled: true });
      expect(await activeAdminCount()).toBe(1);
      await updateUser(b.id, { role: "operator" });
      expect(await activeAdminCount()).toBe(0);
      await updateUser(a.id, { disabled: false });
      expect(await activeAdminCount()).toBe(1);
    });
  });

  describe("login sessions", () => {
    const idleMs = IDLE_MIN * 60_000;
    const ttlMs = TTL_H * 3600_000;

    async function login(username = "dana") {
      const user = await createUser({ username, role: "operator", passwordHash: null });
      const t0 = Date.now();
      const { token, expiresAt } = await createLogin(user.id, client);
      return { user, token, t0, expiresAt };
    }

    it("a new login's token gives its principal, and the login is listed", async () => {
      const { user, token } = await login();
      const p = await principalFromToken(token);
      expect(p).toMatchObject({ userId: user.id, username: "dana", role: "operator" });
      expect(p!.loginId).toMatch(/^[0-9a-f]{64}$/);
      expect(p!.loginId).not.toContain(token);
      const logins = await listLogins(user.id);
      expect(logins.map((l) => l.id)).toEqual([p!.loginId]);
      expect(logins[0]).toMatchObject({ ip: client.ip, userAgent: client.userAgent });
    });

    it("ends after the idle time, and each use moves the idle clock", async () => {
      const { token, t0 } = await login();
      expect(await principalFromToken(token, t0 + idleMs - 60_000)).not.toBeNull(); // touches last_seen_at
      // Idle counted from that use, not from the login.
      expect(await principalFromToken(token, t0 + idleMs + 30_000)).not.toBeNull();
      expect(await principalFromToken(token, t0 + 2 * idleMs + 1000)).toBeNull();
    });

    it("ends at its absolute lifetime however recently it was used", async () => {
      const { token, t0, expiresAt } = await login();
      for (let t = t0 + 20 * 60_000; t < t0 + ttlMs - 60_000; t += 20 * 60_000)
        expect(await principalFromToken(token, t)).not.toBeNull();
      expect(await principalFromToken(token, expiresAt.getTime() + 1000)).toBeNull();
      // The row's own expiry counts too (not only the token's): a row cut short ends the login.
      const fresh = await login("erin");
      const db = await getDb();
      await db
        .updateTable("login_sessions")
        .set({ expires_at: fresh.t0 - 1 })
        .where("user_id", "=", fresh.user.id)
        .execute();
      expect(await principalFromToken(fresh.token)).toBeNull();
    });

    it("endLogin ends one login of its owner only; endAllLogins ends the others but the exception", async () => {
      const { user, token } = await login();
      const second = await createLogin(user.id, client);
      const third = await createLogin(user.id, client);
      const other = await login("frank");
      const p1 = (await principalFromToken(token))!;
      const p2 = (await principalFromToken(second.token))!;

      expect(await endLogin(other.user.id, p1.loginId)).toBe(false); // not theirs
      expect(await principalFromToken(token)).not.toBeNull();
      expect(await endLogin(user.id, p1.loginId)).toBe(true);
      expect(await endLogin(user.id, p1.loginId)).toBe(false); // already ended
      expect(await principalFromToken(token)).toBeNull();

      expect(await endAllLogins(user.id, p2.loginId)).toBe(1); // the third one
      expect(await principalFromToken(second.token)).not.toBeNull();
      expect(await principalFromToken(third.token)).toBeNull();
      expect((await listLogins(user.id)).map((l) => l.id)).toEqual([p2.loginId]);
      expect(await endAllLogins(user.id)).toBe(1);
      expect(await principalFromToken(second.token)).toBeNull();
      expect(await principalFromToken(other.token)).not.toBeNull(); // another user's login is untouched
    });

    it("refuses a disabled user's login at once", async () => {
      const { user, token } = await login();
      await updateUser(user.id, { disabled: true });
      expect(await principalFromToken(token)).toBeNull();
    });

    it("refuses forged, tampered and unknown tokens", async () => {
      const { token, t0 } = await login();
      const other = await signSessionToken(randomBytes(36).toString("base64url"), 3600, t0);
      expect(await principalFromToken(other.token)).toBeNull(); // another secret
      const parts = token.split(".");
      parts[1] = String(Number(parts[1]) + 3600); // a later expiry under the old signature
      expect(await principalFromToken(parts.join("."))).toBeNull();
      expect(await principalFromToken(`${token.slice(0, -2)}AA`)).toBeNull();
      // Signed with our secret but never stored: a login the database does not know.
      const unknown = await signSessionToken(SECRET, 3600, t0);
      expect(await principalFromToken(unknown.token)).toBeNull();
      for (const t of ["", "garbage", null, undefined]) expect(await principalFromToken(t)).toBeNull();
    });

    it("pruneLogins forgets logins ended more than a day ago and keeps live ones", async () => {
      const { user, token } = await login();
      const old = await createLogin(user.id, client);
      const oldId = (await principalFromToken(old.token))!.loginId;
      await endLogin(user.id, oldId);
      const db = await getDb();
      await db.updateTable("login_sessions").set({ revoked_at: 1 }).where("id", "=", oldId).execute();
      await pruneLogins();
      const ids = (await db.selectFrom("login_sessions").select("id").execute()).map((r) => r.id);
      expect(ids).not.toContain(oldId);
      expect(ids).toHaveLength(1);
      expect(await principalFromToken(token)).not.toBeNull();
    });
  });

  describe("login rate limit", () => {
    const now = Date.now();

    it("refuses a client after 10 failures in 15 minutes, other clients not, and a success clears it", async () => {
      for (let i = 0; i < 9; i++) await recordFailure("198.51.100.1", "admin", now + i);
      expect(await retryAfterMs("198.51.100.1", "admin", now + 10)).toBe(0);
      await recordFailure("198.51.100.1", "admin", now + 10);
      const wait = await retryAfterMs("198.51.100.1", "admin", now + 11);
      expect(wait).toBeGreaterThan(14 * 60_000);
      expect(wait).toBeLessThanOrEqual(15 * 60_000);
      expect(await retryAfterMs("198.51.100.2", "admin", now + 11)).toBe(0);
      // The oldest counted failure leaves the window: allowed again.
      expect(await retryAfterMs("198.51.100.1", "admin", now + 15 * 60_000 + 1)).toBe(0);

      await recordSuccess("198.51.100.1");
      expect(await retryAfterMs("198.51.100.1", "admin", now + 12)).toBe(0);
    });

    it("shrinks each client's allowance to 3 while an account is under attack from many clients", async () => {
      for (let i = 0; i < 100; i++) await recordFailure(`10.0.${i >> 8}.${i & 255}`, "Victim", now + i);
      expect(await accountUnderAttack("victim", now + 200)).toBe(true);
      expect(await accountUnderAttack("someone-else", now + 200)).toBe(false);
      // Each of those clients failed once: still checked.
      expect(await retryAfterMs("10.0.0.5", "victim", now + 200)).toBe(0);
      for (let i = 0; i < 2; i++) await recordFailure("192.0.2.9", "victim", now + 300 + i);
      expect(await retryAfterMs("192.0.2.9", "victim", now + 400)).toBe(0);
      await recordFailure("192.0.2.9", "victim", now + 302);
      expect(await retryAfterMs("192.0.2.9", "victim", now + 400)).toBeGreaterThan(0);
      // The same client at another account keeps its allowance of 10.
      expect(await retryAfterMs("192.0.2.9", "bob", now + 400)).toBe(0);
      // A minute later the attack has passed.
      expect(await accountUnderAttack("victim", now + 60_000 + 200)).toBe(false);
      expect(await retryAfterMs("192.0.2.9", "victim", now + 60_000 + 400)).toBe(0);
    });
  });

  describe("audit log", () => {
    it("keeps what is recorded, and the database refuses to edit an entry", async () => {
      await recordAudit({
        action: "session.command",
        userId: 7,
        username: "gina",
        ip: client.ip,
        sessionId: "s-1",
        detail: { command: "ls -la" },
        result: "ok",
        status: 200,
        requestId: "req-1",
      });
      const db = await getDb();
      const rows = await db.selectFrom("audit_log").selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: "session.command",
        user_id: 7,
        username: "gina",
        session_id: "s-1",
        result: "ok",
        status: 200,
        request_id: "req-1",
      });
      expect(JSON.parse(rows[0].detail)).toEqual({ command: "ls -la" });

      await expect(
        db.updateTable("audit_log").set({ result: "forged" }).where("id", "=", rows[0].id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE audit_log SET username = 'someone'`.execute(db)).rejects.toThrow(/append-only/);
      expect((await db.selectFrom("audit_log").selectAll().executeTakeFirstOrThrow()).result).toBe("ok");
    });
  });

  it("reads integer-millisecond times, ids and counts back as JS numbers", async () => {
    const at = Date.UTC(2030, 0, 1, 12, 0, 0, 123); // beyond 2^31: a bigint in PostgreSQL
    const u = await createUser({ username: "henry", role: "viewer", passwordHash: null });
    const db = await getDb();
    await db.insertInto("login_failures").values({ key: "ip:x", at }).execute();
    const f = await db.selectFrom("login_failures").selectAll().executeTakeFirstOrThrow();
    expect(f.at).toBe(at);
    expect(typeof f.id).toBe("number");
    expect(typeof u.id).toBe("number");
    expect(typeof u.createdAt).toBe("number");
    const c = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(c.n).toBe(1);
    expect((await getUser(u.id))?.createdAt).toBe(u.createdAt);
  });
}
