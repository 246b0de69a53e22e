/**
 * `npm run bench:audit`: what the audit log costs.
 *
 * (a) Auditing a console run: the runCommand route handler called in-process (NextRequest in,
 *     Response out, real login check, real embedded runtime and sandbox) N times with auditing on
 *     (the endpoint row as shipped) and N times with the same handler wrapped with `audit:
 *     undefined`, alternating, so drift in the sandbox hits both alike. Target: median ≤ 1 ms added.
 * (b) The Audit page query over 1,000,000 entries: seeded into a temp SQLite (migrated by the app,
 *     filled in one transaction with a prepared insert: 50 users, 5,000 sessions, every action),
 *     then the page query (listAudit, 50 newest) filtered by user and session, beside the
 *     unfiltered newest page and the other single filters. Target: p95 ≤ 50 ms.
 *
 * Runs under `tsx --conditions=react-server` (the server modules' `server-only` marker allows
 * that condition). Env: BENCH_AUDIT_RUNS (200), BENCH_AUDIT_ROWS (1000000), BENCH_AUDIT_QUERIES (300).
 */
import Sqlite from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { AUDIT_ACTIONS, endpoints } from "../../lib/api/endpoints";
import { startRuntime } from "../../lib/runtime/main";
import { getAgb } from "../../lib/server/agb";
import { listAudit, type AuditFilter } from "../../lib/server/audit/query";
import { recordAudit } from "../../lib/server/audit/record";
import { runCommand } from "../../lib/server/console/code";
import { closeDb, getDb } from "../../lib/server/db/db";
import { route, type RouteHandler } from "../../lib/server/route";
import { runBench } from "./lib/server";
import { now, stats, type Stats } from "./lib/stats";
import { machine, printTable, type Row } from "./lib/table";

const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 200);
const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_AUDIT_QUERIES ?? 300);
const KEY = "bench-audit-runtime-key";
const PASSWORD = "bench-audit-password";
const ORIGIN = "http://bench.audit";
const USERS = 50;
const SESSIONS = 5000;

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
function req(method: string, p: string, body: unknown, cookie?: string) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: ORIGIN };
  if (cookie) headers.cookie = cookie;
  return new NextRequest(`${ORIGIN}${p}`, { method, headers, body: JSON.stringify(body) });
}

/** Dashboard env pointing at `endpoint`, data (and the SQLite file) under `dataDir`. */
function dashboardEnv(endpoint: string, dataDir: string) {
  Object.assign(process.env, {
    AGB_ENDPOINT: endpoint,
    AGB_API_KEY: KEY,
    AGB_BACKEND: "embedded",
    AGB_DATA_DIR: dataDir,
    DASHBOARD_PASSWORD: PASSWORD,
    DASHBOARD_LOG_LEVEL: "warn",
  });
  delete process.env.DATABASE_URL;
}

async function consoleRunCost(): Promise<{ on: Stats; off: Stats; diffP50: number; write: Stats }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-bench-audit-"));
  const rt = await startRuntime({ port: 0, dataDir, apiKeys: [KEY], logLevel: "warn", poolSize: 1 });
  try {
    dashboardEnv(rt.url, path.join(dataDir, "dash"));
    const login = (await import("../../app/api/auth/login/route")).POST as RouteHandler;
    const res = await login(req("POST", "/api/auth/login", { password: PASSWORD }), ctx());
    if (res.status !== 204) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const create = (await import("../../app/api/sessions/route")).POST as RouteHandler;
    const created = await create(req("POST", "/api/sessions", { imageId: "agb-code-space-2" }, cookie), ctx());
    const { sessionId } = (await created.json()) as { sessionId: string };

    // One handler, two wrappers: the only difference is the row's `audit`.
    type Ctx = Parameters<Parameters<typeof route<typeof endpoints.runCommand>>[1]>[0];
    const handler = ({ id, body }: Ctx) => runCommand(getAgb(), id, body);
    const audited = route(endpoints.runCommand, handler);
    const unaudited = route({ ...endpoints.runCommand, audit: undefined }, handler);
    const once = async (h: RouteHandler) => {
      const t0 = now();
      const r = await h(
        req("POST", `/api/sessions/${sessionId}/command`, { command: "true" }, cookie),
        ctx({ id: sessionId }),
      );
      if (r.status !== 200) throw new Error(`command failed: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
      return now() - t0;
    };
    for (let i = 0; i < 10; i++) await once(i % 2 ? audited : unaudited);
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2) {
        on.push(await once(audited));
        off.push(await once(unaudited));
      } else {
        off.push(await once(unaudited));
        on.push(await once(audited));
      }
    }
    const db = await getDb();
    const rows = await db
      .selectFrom("audit_log")
      .select(db.fn.countAll<number>().as("n"))
      .where("action", "=", "command.run")
      .executeTakeFirstOrThrow();
    if (Number(rows.n) !== RUNS + 5) throw new Error(`expected ${RUNS + 5} command.run entries, found ${rows.n}`);
    // The added work on its own (the sandbox's run-to-run noise can hide it in the pair above).
    const write: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = now();
      await recordAudit({
        action: "command.run",
        userId: 1,
        username: "admin",
        ip: "127.0.0.1",
        sessionId,
        detail: { command: "true" },
        result: "ok",
        status: 200,
        requestId: "bench",
      });
      write.push(now() - t0);
    }
    const sOn = stats(on);
    const sOff = stats(off);
    return { on: sOn, off: sOff, diffP50: sOn.p50 - sOff.p50, write: stats(write) };
  } finally {
    await closeDb();
    await rt.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A small deterministic generator: the same million rows every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pageQuery(): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-bench-audit-db-"));
  try {
    dashboardEnv("http://127.0.0.1:1", dataDir);
    await getDb(); // the app's own migrations make the schema and indexes
    await closeDb();
    const file = path.join(dataDir, "dashboard", "dashboard.db");
    const sqlite = new Sqlite(file);
    sqlite.pragma("journal_mode = WAL");
    const insert = sqlite.prepare(
      `INSERT INTO audit_log (at, user_id, username, ip, session_id, action, detail, result, status, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rand = rng(42);
    // Each session has an owner who does most of what happens in it; others look in now and then.
    const owner = Array.from({ length: SESSIONS }, () => Math.floor(rand() * USERS));
    const t0 = Date.now() - ROWS * 50;
    const seedStart = now();
    sqlite.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const s = Math.floor(rand() * SESSIONS);
        const u = rand() < 0.8 ? owner[s] : Math.floor(rand() * USERS);
        const action = AUDIT_ACTIONS[Math.floor(rand() * AUDIT_ACTIONS.length)];
        insert.run(
          t0 + i * 50,
          u + 1,
          `user${u}`,
          `10.0.${u}.1`,
          action.startsWith("auth.") || action.startsWith("user.") ? null : `s-${s}`,
          action,
          JSON.stringify({ code: `print(${i})` }),
          i % 50 === 0 ? "agb_error" : "ok",
          i % 50 === 0 ? 502 : 200,
          `req-${i}`,
        );
      }
    })();
    const plan = sqlite
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE username = ? AND session_id = ? ORDER BY id DESC LIMIT 51",
      )
      .all("user1", "s-1") as { detail: string }[];
    sqlite.close();
    console.log(`[bench:audit] user + session query plan: ${plan.map((p) => p.detail).join("; ")}`);
    console.log(
      `[bench:audit] seeded ${ROWS.toLocaleString("en-US")} entries in ${((now() - seedStart) / 1000).toFixed(1)} s`,
    );

    await getDb();
    const pick = rng(7);
    const sessionOf = () => Math.floor(pick() * SESSIONS);
    const measure = async (make: () => AuditFilter) => {
      const xs: number[] = [];
      for (let i = 0; i < QUERIES + 10; i++) {
        const f = make();
        const t = now();
        const p = await listAudit(f, { limit: 50 });
        const dt = now() - t;
        if (i >= 10) xs.push(dt);
        if (p.entries.length === 0 && Object.keys(f).length === 0) throw new Error("no entries");
      }
      return stats(xs);
    };
    const target = (s: Stats) => `target p95 ≤ 50 ms: ${s.p95 <= 50 ? "met" : "MISSED"}`;
    const userSession = await measure(() => {
      const s = sessionOf();
      return { username: `user${owner[s]}`, sessionId: `s-${s}` };
    });
    const rows: Row[] = [
      ["newest page, no filter (baseline)", await measure(() => ({})), "baseline"],
      ["user + session (the Audit page filter)", userSession, target(userSession)],
      ["user", await measure(() => ({ username: `user${Math.floor(pick() * USERS)}` })), ""],
      ["session", await measure(() => ({ sessionId: `s-${sessionOf()}` })), ""],
      ["action", await measure(() => ({ action: AUDIT_ACTIONS[Math.floor(pick() * AUDIT_ACTIONS.length)] })), ""],
      [
        "user + action",
        await measure(() => ({
          username: `user${Math.floor(pick() * USERS)}`,
          action: AUDIT_ACTIONS[Math.floor(pick() * AUDIT_ACTIONS.length)],
        })),
        "",
      ],
      [
        "user + one hour",
        await measure(() => {
          const from = t0 + Math.floor(pick() * ROWS) * 50;
          return { username: `user${Math.floor(pick() * USERS)}`, from, to: from + 3600_000 };
        }),
        "",
      ],
    ];
    return rows;
  } finally {
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const sign = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;

async function main() {
  const run = await consoleRunCost();
  printTable(`bench:audit (a) a console command (\`true\`) through the route handler, ${machine()}`, [
    ["runCommand, auditing off", run.off, "baseline"],
    [
      "runCommand, audited",
      run.on,
      `median ${sign(run.diffP50)} ms, p95 ${sign(run.on.p95 - run.off.p95)} ms (target median ≤ 1 ms added: ${run.diffP50 <= 1 ? "met" : "MISSED"})`,
    ],
    ["the audit write alone (recordAudit)", run.write, "the work auditing adds to each run"],
  ]);
  const rows = await pageQuery();
  printTable(
    `bench:audit (b) Audit page query (50 newest) over ${ROWS.toLocaleString("en-US")} entries, SQLite, ${machine()}`,
    rows,
  );
}

runBench(main);
