/**
 * `npm run bench:ui`: how heavy and how fast the sessions page is, over 10,000 sessions.
 *
 * 1. Seeds 10,000 sessions straight into a fresh runtime store (as bench:runtime does: seeded rows,
 *    no sandboxes) with labels team (10 values), env (7), project (100), idx.
 * 2. Starts the real app + runtime (scripts/start.mjs) on the UI helper's ports.
 * 3. In headless Chromium, on a cold cache: the gzip size of every script /sessions loads (goal ≤ 150 KB)
 *    and of those a session's page loads before its console's editor (goal ≤ 200 KB), each with the
 *    packages and folders of ours that weigh most (read from the build's source maps).
 * 4. The time from navigation to the first table row; the time from pressing Enter on a new label
 *    filter to the updated table.
 * 5. Beside them, in the same run, the API's own time for the same requests (GET /api/sessions),
 *    and GET /api/health as the HTTP baseline.
 *
 * Env: NEXT_DIST_DIR (build to use, default .next-bench-ui; built with browser source maps first if
 * stale), BENCH_UI_PORT (3340), BENCH_UI_RUNTIME_PORT (8990),
 * BENCH_UI_RUNS (15).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { withAppInBrowser } from "./lib/browser";
import { dashboardLogin } from "./lib/http";
import { isEditorScript, pageScripts, printPageWeight } from "./lib/page-weight";
import { seedSessions } from "./lib/seed";
import { ensureBuild, root, runBench } from "./lib/server";
import { markShown, type Shown } from "./lib/shown";
import { stats } from "./lib/stats";
import { compactTable, machine } from "./lib/table";

const PORT = Number(process.env.BENCH_UI_PORT ?? 3340);
const RT_PORT = Number(process.env.BENCH_UI_RUNTIME_PORT ?? 8990);
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 15);
// Its own build, with source maps, so the page weights can say which modules they hold.
const DIST = process.env.NEXT_DIST_DIR || ".next-bench-ui";
const KEY = "bench-ui-runtime-key";
const PASSWORD = "bench-ui-password";
const BASE = `http://127.0.0.1:${PORT}`;
const N = 10_000;

async function timeFetch(url: string, cookie: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(url, { headers: { cookie } });
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`${url} → ${r.status}`);
  return performance.now() - t;
}

async function main() {
  await ensureBuild("ui", DIST, false, { NEXT_BROWSER_SOURCE_MAPS: "1" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-bench-ui-"));
  const s0 = performance.now();
  seedSessions(path.join(dataDir, "runtime"), KEY, N, {
    imageId: "agb-code-space-1",
    createdAt: (i, t0) => t0 - (N - i),
  });
  const seedMs = performance.now() - s0;

  const env = {
    PORT: String(PORT),
    AGB_RUNTIME_PORT: String(RT_PORT),
    AGB_DATA_DIR: dataDir,
    AGB_RUNTIME_API_KEYS: KEY,
    AGB_RUNTIME_POOL_SIZE: "1",
    DASHBOARD_PASSWORD: PASSWORD,
    LOG_LEVEL: "warn",
    NEXT_DIST_DIR: DIST,
  };
  await withAppInBrowser({ dataDir, env, healthUrl: `${BASE}/api/health`, timeoutMs: 120_000 }, async (browser) => {
    const cookie = await dashboardLogin(BASE, PASSWORD);
    const [name, value] = cookie.split(";")[0].split("=");
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addCookies([{ name, value, url: BASE }]);

    // Warm-up: first compile of routes and caches on both sides.
    // Page weights, each from a fresh context (a cold browser cache: what a first visit downloads).
    const fresh = async () => {
      const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await c.addCookies([{ name, value, url: BASE }]);
      return c.newPage();
    };
    const listPage = await fresh();
    const sessionsScripts = await pageScripts(listPage, `${BASE}/sessions`, () =>
      listPage.getByTestId("session-row").first().waitFor(),
    );
    // A session's page up to its console's editor (a seeded session gets its sandbox on first use).
    const firstId = (
      (await (await fetch(`${BASE}/api/sessions?page=1&size=1`, { headers: { cookie } })).json()) as {
        items: { sessionId: string }[];
      }
    ).items[0].sessionId;
    const detailPage = await fresh();
    const sessionScripts = (
      await pageScripts(detailPage, `${BASE}/sessions/${encodeURIComponent(firstId)}`, () =>
        detailPage.locator(".cm-content").first().waitFor({ timeout: 120_000 }),
      )
    ).filter((s) => !isEditorScript(path.join(root, DIST), s));
    for (let i = 0; i < 3; i++) await timeFetch(`${BASE}/api/sessions?page=1&size=50`, cookie);

    const health: number[] = [];
    const apiList: number[] = [];
    const apiFilter: number[] = [];
    const firstRow: number[] = [];
    const filterChange: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      health.push(await timeFetch(`${BASE}/api/health`, cookie));
      apiList.push(await timeFetch(`${BASE}/api/sessions?page=1&size=50`, cookie));
      apiFilter.push(
        await timeFetch(
          `${BASE}/api/sessions?label=${encodeURIComponent(`project:p-${(i * 7 + 50) % 100}`)}&page=1&size=50`,
          cookie,
        ),
      );

      const page = await ctx.newPage();
      await page.addInitScript(markShown(1, "project"));
      await page.goto(`${BASE}/sessions`, { waitUntil: "commit" });
      await page.waitForFunction(() => (window as Shown).__shown?.firstRow, undefined, {
        polling: 50,
        timeout: 30_000,
      });
      firstRow.push(await page.evaluate(() => (window as Shown).__shown!.firstRow!));

      // The first rows come in the server's HTML, before React has hydrated the page: time the
      // filter on a settled page, not the hydration a keystroke would wait for.
      await page.waitForLoadState("networkidle");
      const project = `p-${(i * 7 + 3) % 100}`;
      const input = page.getByTestId("label-filter-input");
      await input.fill(`project=${project}`);
      await page.evaluate(() => ((window as unknown as { __t0: number }).__t0 = performance.now()));
      await input.press("Enter");
      const dt = await page.waitForFunction(
        (p) => {
          const rows = document.querySelectorAll("[data-testid=session-row] button[aria-label^='Filter by project=']");
          const table = document.querySelector("table[aria-label=Sessions]");
          if (!table || table.getAttribute("aria-busy") === "true" || rows.length === 0) return false;
          for (const r of rows) if (r.getAttribute("aria-label") !== `Filter by project=${p}`) return false;
          return performance.now() - (window as unknown as { __t0: number }).__t0;
        },
        project,
        { polling: "raf", timeout: 30_000 },
      );
      filterChange.push((await dt.jsonValue()) as number);
      await page.close();
    }

    const total = (
      (await (await fetch(`${BASE}/api/sessions?page=1&size=1`, { headers: { cookie } })).json()) as { total: number }
    ).total;
    console.log(
      `\nSessions page benchmark (${machine()}, headless Chromium; ${total.toLocaleString("en-US")} sessions seeded in ${seedMs.toFixed(0)} ms; ${RUNS} runs)\n`,
    );
    printPageWeight(path.join(root, DIST), "Scripts loaded by /sessions", sessionsScripts, 150);
    printPageWeight(path.join(root, DIST), "Scripts loaded by /sessions/[id] before the editor", sessionScripts, 200);
    await listPage.context().close();
    await detailPage.context().close();
    console.log("");
    const { header, line } = compactTable(62);
    header();
    line("baseline: GET /api/health (HTTP + auth round trip)", stats(health));
    line("API: GET /api/sessions?page=1&size=50 (no filter)", stats(apiList));
    line("API: GET /api/sessions?label=project:p-N (100 of 10,000)", stats(apiFilter));
    line("UI: navigation → first row (fresh tab, cold query cache)", stats(firstRow));
    line("UI: Enter on a new label filter → updated table", stats(filterChange));
    console.log(
      "\nUI times include the API call they wait for; the first row is the start of the frame that shows it, the filter is polled each frame (adds up to one frame, ~16 ms).",
    );
  });
}

runBench(main);
