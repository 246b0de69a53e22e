// The audit log's read side on a real database: filters, keyset paging, the export formats
// (CSV read back by Python's csv module, an independent parser), the retention sweep and the
// database's refusal to UPDATE an entry.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell, exportStream } from "@/lib/server/audit/export";
import { allAudit, auditFilterFrom, listAudit, type AuditFilter } from "@/lib/server/audit/query";
import { recordAudit } from "@/lib/server/audit/record";
import { sweepAudit } from "@/lib/server/audit/retention";
import { getDb } from "@/lib/server/db/db";
import { HttpError } from "@/lib/server/errors";
import { DIALECTS, freshDb, stopPostgres } from "./db";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const MIN = 60_000;
const USERS = ["alice", "bob", "carol"];
const SESSIONS = ["s-1", "s-2", "s-3", "s-4"];
const ACTIONS = ["code.run", "command.run", "file.write", "session.delete"];
const N = 120;

/** Row i: user i%3, session i%4, action i%4 shifted, one minute apart, oldest first. */
const row = (i: number) => ({
  at: T0 + i * MIN,
  user_id: null,
  username: USERS[i % 3],
  ip: "10.0.0.1",
  session_id: i % 10 === 9 ? null : SESSIONS[i % 4],
  action: ACTIONS[(i >> 1) % 4],
  detail: JSON.stringify({ code: `print(${i})` }),
  result: i % 7 === 0 ? "agb_error" : "ok",
  status: i % 7 === 0 ? 502 : 200,
  request_id: `req-${i}`,
});
const expected = (f: (i: number) => boolean) =>
  Array.from({ length: N }, (_, i) => i)
    .filter(f)
    .reverse()
    .map((i) => `req-${i}`);

async function everyPage(f: AuditFilter, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const p = await listAudit(f, { cursor, limit });
    expect(p.entries.length).toBeLessThanOrEqual(limit);
    out.push(...p.entries.map((e) => e.requestId!));
    if (!p.nextCursor) return out;
    cursor = p.nextCursor;
  }
  throw new Error("paging did not end");
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function parseCsv(csv: string): string[][] {
  const r = spawnSync("python3", ["-c", "import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin))))"], {
    input: csv,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

afterAll(async () => {
  await stopPostgres();
}, 60_000);

for (const dialect of DIALECTS) {
  describe(`audit store (${dialect})`, () => {
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      cleanup = await freshDb(dialect, `audit-query-${dialect}`);
      const db = await getDb();
      await db
        .insertInto("audit_log")
        .values(Array.from({ length: N }, (_, i) => row(i)))
        .execute();
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it("lists newest first, 50 by default, with the entry's fields", async () => {
      const p = await listAudit({});
      expect(p.entries).toHaveLength(50);
      expect(p.entries[0]).toEqual({
        id: expect.any(Number),
        at: new Date(T0 + (N - 1) * MIN).toISOString(),
        username: USERS[(N - 1) % 3],
        ip: "10.0.0.1",
        sessionId: null,
        action: ACTIONS[((N - 1) >> 1) % 4],
        detail: { code: `print(${N - 1})` },
        result: "agb_error", // 119 % 7 === 0
        status: 502,
        requestId: `req-${N - 1}`,
      });
      expect(p.nextCursor).toBe(String(p.entries[49].id));
    });

    it("pages through everything once, in order, at any page size", async () => {
      const all = expected(() => true);
      expect(await everyPage({}, 7)).toEqual(all);
      expect(await everyPage({}, 200)).toEqual(all);
      expect((await listAudit({}, { limit: 5000 })).entries).toHaveLength(N); // clamped to 200 ≥ N
    });

    it("filters by user, session, action and time, alone and together", async () => {
      expect(await everyPage({ username: "bob" }, 9)).toEqual(expected((i) => i % 3 === 1));
      expect(await everyPage({ sessionId: "s-2" }, 9)).toEqual(expected((i) => i % 10 !== 9 && i % 4 === 1));
      expect(await everyPage({ action: "file.write" }, 9)).toEqual(expected((i) => (i >> 1) % 4 === 2));
      expect(await everyPage({ username: "alice", sessionId: "s-1" }, 4)).toEqual(
        expected((i) => i % 3 === 0 && i % 10 !== 9 && i % 4 === 0),
      );
      expect(await everyPage({ from: T0 + 10 * MIN, to: T0 + 20 * MIN }, 4)).toEqual(
        expected((i) => i >= 10 && i <= 20),
      );
      expect(
        await everyPage({ username: "carol", sessionId: "s-3", action: "code.run", from: T0 + 30 * MIN }, 2),
      ).toEqual(expected((i) => i % 3 === 2 && i % 10 !== 9 && i % 4 === 2 && (i >> 1) % 4 === 0 && i >= 30));
      expect(await everyPage({ username: "nobody" }, 50)).toEqual([]);
    });

    it("reads the API's filter query: user case-folded, unknown action and empty range refused", () => {
      expect(
        auditFilterFrom({ user: " Alice ", session: "s-1", action: "code.run", from: "2026-01-01T00:00:00Z" }),
      ).toEqual({ username: "alice", sessionId: "s-1", action: "code.run", from: T0, to: undefined });
      expect(() => auditFilterFrom({ action: "code.delete_everything" })).toThrow(HttpError);
      expect(() => auditFilterFrom({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" })).toThrow(
        /from is later/,
      );
    });

    it("the export reads in batches and yields every matching entry once", async () => {
      const batches: number[] = [];
      const ids: string[] = [];
      for await (const b of allAudit({ username: "bob" }, 6)) {
        batches.push(b.length);
        ids.push(...b.map((e) => e.requestId!));
      }
      expect(ids).toEqual(expected((i) => i % 3 === 1));
      expect(Math.max(...batches)).toBe(6);
      const lines = (await text(exportStream({ username: "bob" }, "jsonl", 6))).trimEnd().split("\n");
      expect(lines.map((l) => (JSON.parse(l) as { requestId: string }).requestId)).toEqual(ids);
    });

    it("CSV: a header, quoted cells, formulas disarmed, read back intact by a CSV parser", async () => {
      await recordAudit({
        action: "auth.login",
        userId: null,
        username: '=HYPERLINK("http://evil","x")',
        ip: "10.9.9.9",
        sessionId: "s-csv",
        detail: { code: "print(\"a, b\")\nprint('-1')", note: "+1" },
        result: "bad_password",
        status: 401,
      });
      for (const username of ["@SUM(A1)", "-2+3", "+1", "plain"])
        await recordAudit({
          action: "auth.login",
          userId: null,
          username,
          ip: "10.9.9.9",
          sessionId: "s-csv",
          detail: {},
          result: "ok",
          status: 204,
        });
      const rows = parseCsv(await text(exportStream({ sessionId: "s-csv" }, "csv", 2)));
      expect(rows[0]).toEqual([
        "id",
        "at",
        "username",
        "ip",
        "sessionId",
        "action",
        "result",
        "status",
        "requestId",
        "detail",
      ]);
      expect(rows.slice(1).map((r) => r[2])).toEqual([
        "plain",
        "'+1",
        "'-2+3",
        "'@SUM(A1)",
        `'=HYPERLINK("http://evil","x")`,
      ]);
      const first = rows[5];
      expect(first[3]).toBe("10.9.9.9");
      expect(first[6]).toBe("bad_password");
      expect(first[8]).toBe("");
      expect(JSON.parse(first[9])).toEqual({ code: "print(\"a, b\")\nprint('-1')", note: "+1" });
      expect(rows).toHaveLength(6);
    });

    it("csvCell quotes only what needs it", () => {
      expect(csvCell("abc")).toBe("abc");
      expect(csvCell('a"b')).toBe('"a""b"');
      expect(csvCell("a\nb")).toBe('"a\nb"');
      expect(csvCell("=1,2")).toBe(`"'=1,2"`);
      expect(csvCell(null)).toBe("");
      expect(csvCell(404)).toBe("404");
    });

    it("the database refuses to UPDATE an entry", async () => {
      const db = await getDb();
      await expect(
        db.updateTable("audit_log").set({ result: "ok" }).where("result", "=", "agb_error").execute(),
      ).rejects.toThrow(/append-only/);
      const left = await db.selectFrom("audit_log").select("id").where("result", "=", "agb_error").execute();
      expect(left.length).toBeGreaterThan(0);
    });

    it("the retention sweep deletes entries older than the retention and ended logins, keeps the rest", async () => {
      const db = await getDb();
      const now = T0 + 100 * 24 * 3600_000;
      const user = await db
        .insertInto("users")
        .values({
          username: "sweeper",
          password_hash: null,
          role: "viewer",
          disabled: 0,
          oidc_subject: null,
          created_at: 0,
          updated_at: 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const login = (id: string, expires: number) => ({
        id,
        user_id: user.id,
        created_at: 0,
        last_seen_at: 0,
        expires_at: expires,
        ip: "x",
        user_agent: "x",
        revoked_at: null,
      });
      await db
        .insertInto("login_sessions")
        .values([login("old", T0), login("live", now + 3600_000)])
        .execute();
      // Entries of T0 + i minutes: with 100 days' retention from T0 + 100 days + 60 minutes, i < 60 go.
      const before = (
        await db.selectFrom("audit_log").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()
      ).n;
      const deleted = await sweepAudit(now + 60 * MIN, 100);
      expect(deleted).toBe(60);
      const left = await db.selectFrom("audit_log").select(["at"]).orderBy("at").execute();
      expect(Number(before) - left.length).toBe(60);
      expect(left[0].at).toBe(T0 + 60 * MIN);
      const logins = await db.selectFrom("login_sessions").select("id").execute();
      expect(logins.map((l) => l.id)).toEqual(["live"]);
      expect(await sweepAudit(now + 60 * MIN, 100)).toBe(0);
    });
  });
}
