/**
 * `npm run bench:api`: the dashboard API's speed targets, each as median and p95 beside the runtime's own
 * figure measured in the same run, through the real production server (server.ts, as `npm start` runs it):
 * - sessions page of 50 with a 2-label filter over 10,000 sessions: p95 ≤ 40 ms
 *   (baseline: the same ListSession straight to the runtime, which returns ids only);
 * - a shell `echo` through the API: p50 ≤ 2× the same /mcp call straight to the runtime;
 * - 200 concurrent list calls: 0 errors.
 *
 * 10,000 sessions are inserted through the runtime's store (seeded, no sandbox), as
 * scripts/bench/runtime.ts does. Ports: dashboard 3201, runtime 8901 (override with
 * BENCH_API_PORT / BENCH_RUNTIME_PORT). Build: NEXT_DIST_DIR (default .next), rebuilt when stale.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRuntime } from "../../lib/runtime/main";
import { dashboardLogin, runtimeClient } from "./lib/http";
import { seedSessions } from "./lib/seed";
import { distDir, ensureBuild, runBench, startDashboard, waitForHttp } from "./lib/server";
import { now, stats, time } from "./lib/stats";
import { machine, printTable, type Row } from "./lib/table";

const KEY = "bench-api-runtime-key";
const PASSWORD = "bench-api-password";
const PORT = Number(process.env.BENCH_API_PORT ?? 3201);
const RT_PORT = Number(process.env.BENCH_RUNTIME_PORT ?? 8901);
const DIST = distDir();
const N = 10_000;
const WARMUP = 10;

async function main() {
  await ensureBuild("api", DIST, process.argv.includes("--build"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-bench-api-"));
  seedSessions(path.join(dataDir, "runtime"), KEY, N, { imageId: "agb-code-space-2", createdAt: (i, t0) => t0 - i });

  const rt = await startRuntime({ port: RT_PORT, dataDir, apiKeys: [KEY], logLevel: "warn", poolSize: 2 });
  const next = startDashboard(PORT, {
    NEXT_DIST_DIR: DIST,
    AGB_ENDPOINT: rt.url,
    AGB_API_KEY: KEY,
    AGB_BACKEND: "embedded",
    AGB_DATA_DIR: dataDir,
    DASHBOARD_PASSWORD: PASSWORD,
    DASHBOARD_LOG_LEVEL: "warn",
  });
  const rows: Row[] = [];
  const dash = `http://127.0.0.1:${PORT}`;
  try {
    await waitForHttp(`${dash}/api/health`, { child: next });
    const cookie = await dashboardLogin(dash, PASSWORD);
    const { auth } = runtimeClient(rt.url, KEY);

    // 1. Sessions page of 50, 2-label filter, over 10,000 sessions.
    const filter = JSON.stringify({ team: "team-3", env: "env-2" });
    const direct = stats(
      await time(
        200,
        async () => {
          const r = await fetch(`${rt.url}/sdk/ListSession?maxResults=50&labels=${encodeURIComponent(filter)}`, {
            headers: auth,
          });
          if (((await r.json()) as { data: unknown[] }).data.length !== 50) throw new Error("short runtime page");
        },
        WARMUP,
      ),
    );
    rows.push([`runtime: ListSession page of 50, 2 labels, ${N} sessions (ids only)`, direct, "runtime's own figure"]);
    let total = 0;
    let nextCursor = "";
    // Page 2 as the browser asks for it: with the cursor page 1's answer gave (one ListSession call).
    const listPage = (page: number) => async () => {
      const cursor = page > 1 ? `&cursor=${encodeURIComponent(nextCursor)}` : "";
      const r = await fetch(`${dash}/api/sessions?label=team:team-3&label=env:env-2&size=50&page=${page}${cursor}`, {
        headers: { cookie },
      });
      const b = (await r.json()) as { items: unknown[]; total: number; nextCursor: string | null };
      if (page === 1) nextCursor = b.nextCursor ?? "";
      if (r.status !== 200 || b.items.length !== Math.min(50, b.total - (page - 1) * 50))
        throw new Error(`dashboard list failed: ${r.status} ${JSON.stringify(b).slice(0, 300)}`);
      total = b.total;
    };
    const api1 = stats(await time(200, listPage(1), WARMUP));
    rows.push([
      `dashboard: GET /api/sessions page 1 of 50 rows, 2 labels (${total} match)`,
      api1,
      `p95 ≤ 40 ms: ${api1.p95 <= 40 ? "met" : "NOT met"}`,
    ]);
    const api3 = stats(await time(100, listPage(2), WARMUP));
    rows.push([
      "dashboard: same, page 2 (with page 1's cursor, as the browser asks)",
      api3,
      `p95 ≤ 40 ms: ${api3.p95 <= 40 ? "met" : "NOT met"}`,
    ]);

    // 2. Shell echo: straight to the runtime vs through the API.
    const created = (await (
      await fetch(`${rt.url}/mcp/createSession?imageId=agb-code-space-2`, { method: "POST", headers: auth, body: "{}" })
    ).json()) as { data: { sessionId: string } };
    const sid = created.data.sessionId;
    // Interleaved, so the machine's load at any moment weighs on both figures alike.
    const echoDirectMs: number[] = [];
    const echoApiMs: number[] = [];
    const echoDirectCall = async () => {
      const r = await fetch(`${rt.url}/mcp?autoGenSession=false`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          sessionId: sid,
          name: "shell",
          args: JSON.stringify({ command: "echo hi", timeout_ms: 5000 }),
        }),
      });
      if (((await r.json()) as { data: { isError: boolean } }).data.isError) throw new Error("echo failed");
    };
    const echoApiCall = async () => {
      const r = await fetch(`${dash}/api/sessions/${sid}/command`, {
        method: "POST",
        headers: { cookie, origin: dash, "content-type": "application/json" },
        body: JSON.stringify({ command: "echo hi", timeoutMs: 5000 }),
      });
      if (r.status !== 200) throw new Error(`command failed: ${r.status}`);
      await r.arrayBuffer();
    };
    for (let i = 0; i < 10; i++) await Promise.all([echoDirectCall(), echoApiCall()]);
    for (let i = 0; i < 150; i++) {
      let t = now();
      await echoDirectCall();
      echoDirectMs.push(now() - t);
      t = now();
      await echoApiCall();
      echoApiMs.push(now() - t);
    }
    const echoDirect = stats(echoDirectMs);
    const echoApi = stats(echoApiMs);
    rows.push(["runtime: shell echo via POST /mcp", echoDirect, "runtime's own figure"]);
    const floor = stats(
      await time(
        100,
        async () => {
          const r = await fetch(`${dash}/api/health`);
          await r.arrayBuffer();
        },
        WARMUP,
      ),
    );
    rows.push([
      "dashboard: GET /api/health (Next's own per-request floor, no AGB call)",
      floor,
      "context for the ratio below",
    ]);
    const ratio = echoApi.p50 / echoDirect.p50;
    rows.push([
      "dashboard: shell echo via POST /api/sessions/[id]/command",
      echoApi,
      `p50 = ${ratio.toFixed(2)}× runtime (≤ 2×: ${ratio <= 2 ? "met" : "NOT met"})`,
    ]);

    // 3. 200 concurrent list calls.
    let errors = 0;
    const lat: number[] = [];
    const b0 = now();
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const t = now();
        try {
          const r = await fetch(`${dash}/api/sessions?label=team:team-${i % 10}&size=50&page=${1 + (i % 3)}`, {
            headers: { cookie },
          });
          const b = (await r.json()) as { items?: unknown[] };
          if (r.status !== 200 || !b.items || b.items.length !== 50) errors++;
        } catch {
          errors++;
        }
        lat.push(now() - t);
      }),
    );
    const burstMs = now() - b0;
    rows.push([
      `dashboard: 200 concurrent list calls (all done in ${burstMs.toFixed(0)} ms)`,
      stats(lat),
      `errors: ${errors} (target 0: ${errors === 0 ? "met" : "NOT met"})`,
    ]);
  } finally {
    next.kill("SIGTERM");
    await rt.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  printTable(`AGB dashboard API benchmark (${machine()}; ${N} seeded sessions)`, rows);
}

runBench(main);
