/**
 * `npm run bench:console`: how quickly the console shows a run's output, and how heavy its scripts are.
 *
 * 1. Starts the real app + runtime (scripts/start.mjs) on the console helper's ports with a temp data dir.
 * 2. In headless Chromium, on a fresh session's page: the median time from pressing Run on
 *    `print(1)` to "1" painted in the run's cell, interleaved with the API round trip of the same
 *    code (POST /api/sessions/[id]/code from the same page, i.e. the same browser, cookies and kernel).
 * 3. The gzip size of the scripts the session page loads, split into the page's own scripts and
 *    the lazily loaded editor chunks (CodeMirror and its language modes; told apart by source maps
 *    when the build has them, e.g. NEXT_DIST_DIR=.next-bench-ui after `npm run bench:ui`).
 *
 * Env: NEXT_DIST_DIR (build to use; built first if stale), BENCH_CONSOLE_PORT (3410),
 * BENCH_CONSOLE_RUNTIME_PORT (9010), BENCH_CONSOLE_RUNS (30).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { loginAndCreateSession, withAppInBrowser } from "./lib/browser";
import { isEditorScript, kb, pageScripts } from "./lib/page-weight";
import { distDir, ensureBuild, root, runBench } from "./lib/server";
import { stats } from "./lib/stats";
import { compactTable, machine } from "./lib/table";

const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3410);
const RT_PORT = Number(process.env.BENCH_CONSOLE_RUNTIME_PORT ?? 9010);
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 30);
const DIST = distDir();
const PASSWORD = "bench-console-password";
const BASE = `http://127.0.0.1:${PORT}`;

/** The session page's scripts up to its editor: the HTML's, the page's lazy chunks, the editor's. */
async function scriptsOf(page: Page, sessionId: string) {
  const scripts = await pageScripts(page, `${BASE}/sessions/${sessionId}`, () =>
    page.locator(".cm-content").first().waitFor({ timeout: 60_000 }),
  );
  const out = { initial: { files: 0, gzip: 0 }, lazyPage: { files: 0, gzip: 0 }, editor: { files: 0, gzip: 0 } };
  for (const s of scripts) {
    const bucket = isEditorScript(path.join(root, DIST), s) ? out.editor : s.initial ? out.initial : out.lazyPage;
    bucket.files++;
    bucket.gzip += s.gzip;
  }
  return out;
}

async function main() {
  await ensureBuild("console", DIST);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-bench-console-"));
  const env = {
    PORT: String(PORT),
    AGB_RUNTIME_PORT: String(RT_PORT),
    AGB_RUNTIME_POOL_SIZE: "1",
    DASHBOARD_PASSWORD: PASSWORD,
    LOG_LEVEL: "warn",
  };
  await withAppInBrowser({ dataDir, env, healthUrl: `${BASE}/api/health`, timeoutMs: 180_000 }, async (browser) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const sessionId = await loginAndCreateSession(ctx, BASE, PASSWORD, { bench: "console" });

    try {
      const page = await ctx.newPage();
      const sizes = await scriptsOf(page, sessionId);
      await page.locator(".cm-content").first().fill("print(1)");

      /** Presses Run and waits, in the page, for the new cell to show "1" and for the next frame to paint. */
      // Page-side code goes in as a string: tsx would wrap named functions in a __name helper
      // that does not exist in the page.
      const uiRun = () =>
        page.evaluate(`(async () => {
          const cells = () => document.querySelectorAll("[data-testid=run-cell]");
          const before = cells().length;
          const button = Array.from(document.querySelectorAll("button")).find((b) => b.textContent.trim().startsWith("Run") && !b.disabled);
          if (!button) throw new Error("no enabled Run button");
          const t0 = performance.now();
          await new Promise((resolve) => {
            const done = () => {
              const cell = cells()[0];
              const out = cell && cell.querySelector("[data-stream=stdout]");
              return cells().length > before && out && out.textContent === "1\\n" && cell.getAttribute("data-status") !== "running";
            };
            const obs = new MutationObserver(() => {
              if (done()) {
                obs.disconnect();
                resolve();
              }
            });
            obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            button.click();
          });
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          return performance.now() - t0;
        })()`) as Promise<number>;
      const apiRun = () =>
        page.evaluate(async (id) => {
          const t0 = performance.now();
          const r = await fetch(`/api/sessions/${id}/code`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ language: "python", code: "print(1)" }),
          });
          const body = (await r.json()) as { stdout: string[] };
          if (!r.ok || body.stdout.join("") !== "1\n") throw new Error(`API run failed: ${r.status}`);
          return performance.now() - t0;
        }, sessionId);

      /** The streaming route alone, read to its end event with fetch: the server's share of the UI time. */
      const streamRun = () =>
        page.evaluate(`(async () => {
          const t0 = performance.now();
          const r = await fetch("/api/sessions/${sessionId}/code/stream", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ language: "python", code: "print(1)" }) });
          const text = await r.text();
          if (!r.ok || !text.includes("event: end")) throw new Error("stream run failed: " + r.status);
          return performance.now() - t0;
        })()`) as Promise<number>;

      for (let i = 0; i < 3; i++) {
        await uiRun();
        await apiRun();
        await streamRun();
      }
      const ui: number[] = [];
      const api: number[] = [];
      const streamed: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        api.push(await apiRun());
        streamed.push(await streamRun());
        ui.push(await uiRun());
      }
      const u = stats(ui);
      const a = stats(api);
      console.log(`\nConsole benchmark (${machine()}, headless Chromium, warm Python kernel, ${RUNS} runs)\n`);
      const { header, line } = compactTable(66);
      header();
      line("baseline: POST /api/sessions/[id]/code print(1), fetch from the page", a);
      const st = stats(streamed);
      line("API: POST .../code/stream print(1), fetch read to the end event", st);
      line("UI: press Run on print(1) → '1' painted (streamed over SSE)", u);
      console.log(
        `\nUI / API median: ${(u.p50 / a.p50).toFixed(2)}× (goal ≤ 1.5×); UI / stream route: ${(u.p50 / st.p50).toFixed(2)}×`,
      );
      // Told apart by content only without source maps: a merged chunk of grammars (no CodeMirror
      // class names in it) then counts as page. bench:ui reads source maps: its figure is the budget's.
      console.log(`\nSession page scripts (gzip -9; the 200 KB budget is checked by bench:ui, by source maps):`);
      console.log(
        `  initial (script tags in the HTML):        ${kb(sizes.initial.gzip)} in ${sizes.initial.files} files`,
      );
      console.log(
        `  page chunks loaded after hydration:       ${kb(sizes.lazyPage.gzip)} in ${sizes.lazyPage.files} files (session view, console panel)`,
      );
      console.log(
        `  editor chunks (lazy, CodeMirror + modes): ${kb(sizes.editor.gzip)} in ${sizes.editor.files} files`,
      );
      console.log(`  total before the editor loads:            ${kb(sizes.initial.gzip + sizes.lazyPage.gzip)}`);
    } finally {
      await ctx.request.delete(`${BASE}/api/sessions/${sessionId}`, { headers: { origin: BASE } });
    }
  });
}

runBench(main);
