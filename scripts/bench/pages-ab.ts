/**
 * `npm run bench:ab -- <other checkout> [--runs=30]`: the sessions page in cloud mode, this
 * checkout's build against another's, page loads alternated within one run. Did a change slow the
 * page? Runs of bench:cloud a few minutes apart cannot say: on a shared machine the first-rows
 * figure moves by a third between runs of the same build. Here both builds serve at once from one
 * strict runtime (50 ms latency, 60 labelled sessions) to one Chromium, and every round loads each
 * once, in alternating order, so the machine's drift weighs on both alike.
 *
 * The other checkout is a worktree of the commit to compare with, built and with modules:
 *   git worktree add /tmp/before <rev> && cp -al node_modules /tmp/before/ &&
 *     (cd /tmp/before && npx next build)
 * (a node_modules symlink does not do: the build's bundler refuses one that points outside.)
 *
 * Printed for each build: navigation → the frame showing the first row, and every row's labels
 * (as bench:cloud measures them), and when its whole HTML was in; one ListSession in the same
 * rounds as the baseline; and in how many rounds this checkout's first row came later.
 * Env: BENCH_AB_PORT (3380; and the next one), BENCH_AB_RUNTIME_PORT (9020), BENCH_AB_LATENCY_MS (50).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { launchChromium } from "./lib/browser";
import { dashboardLogin, runtimeClient } from "./lib/http";
import { startStrictRuntime } from "./lib/strict-runtime";
import { ensureBuild, root, runBench, startDashboard, stopAll, waitForHttp } from "./lib/server";
import { loadShown } from "./lib/shown";
import { now, stats } from "./lib/stats";
import { machine, printTable, type Row } from "./lib/table";

const KEY = "bench-ab-key-0123456789";
const PASSWORD = "bench-ab-password";
const PAGE = 50;
const PORT = Number(process.env.BENCH_AB_PORT ?? 3380);
const RT_PORT = Number(process.env.BENCH_AB_RUNTIME_PORT ?? 9020);
const LATENCY_MS = Number(process.env.BENCH_AB_LATENCY_MS ?? 50);

interface Build {
  name: string;
  root: string;
  base: string;
  ctx?: BrowserContext;
  firstRow: number[];
  allLabels: number[];
  html: number[];
}

const revOf = (dir: string) => execFileSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"]).toString().trim();

async function main() {
  const other = process.argv.slice(2).find((a) => !a.startsWith("--"));
  const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 30);
  if (!other) throw new Error("usage: npm run bench:ab -- <other checkout, built> [--runs=30]");
  const otherRoot = path.resolve(other);
  if (!fs.existsSync(path.join(otherRoot, ".next", "BUILD_ID")))
    throw new Error(`${otherRoot} has no build: run \`npx next build\` there first`);
  await ensureBuild("ab", ".next");

  const { rt, dataDir } = await startStrictRuntime({
    tag: "ab",
    key: KEY,
    port: RT_PORT,
    latencyMs: LATENCY_MS,
    sessions: 60,
    opts: { poolSize: 0, poolMax: 0 },
  });
  const builds: Build[] = [root, otherRoot].map((dir, i) => ({
    name: `${i === 0 ? "this checkout" : "other"} (${revOf(dir)})`,
    root: dir,
    base: `http://127.0.0.1:${PORT + i}`,
    firstRow: [],
    allLabels: [],
    html: [],
  }));
  // Each build's own server and dashboard database, both managing the same AGB.
  const servers = builds.map((b, i) =>
    startDashboard(
      PORT + i,
      {
        AGB_ENDPOINT: rt.url,
        AGB_API_KEY: KEY,
        AGB_DATA_DIR: path.join(dataDir, `dashboard-${i}`),
        DASHBOARD_PASSWORD: PASSWORD,
        LOG_LEVEL: "warn",
      },
      b.root,
    ),
  );
  const browser = await launchChromium();
  try {
    for (const [i, b] of builds.entries()) {
      await waitForHttp(`${b.base}/api/health`, { child: servers[i], timeoutMs: 120_000 });
      const [name, value] = (await dashboardLogin(b.base, PASSWORD)).split(";")[0].split("=");
      b.ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await b.ctx.addCookies([{ name, value, url: b.base }]);
      // warm: the server's first render and Chromium's cache of the scripts
      for (let k = 0; k < 3; k++) await shownAt(b, true);
    }
    const { auth } = runtimeClient(rt.url, KEY);
    const listMs: number[] = [];
    let later = 0;
    for (let r = 0; r < runs; r++) {
      const t = now();
      const res = await fetch(`${rt.url}/sdk/ListSession?maxResults=${PAGE}&labels=%7B%7D`, { headers: auth });
      await res.json();
      listMs.push(now() - t);
      for (const b of r % 2 ? [...builds].reverse() : builds) await shownAt(b);
      if (builds[0].firstRow[r] > builds[1].firstRow[r]) later++;
    }
    const list = stats(listMs);
    const rows: Row[] = [["one ListSession call, page of 50 (baseline)", list, ""]];
    for (const what of ["firstRow", "allLabels", "html"] as const)
      for (const b of builds) {
        const s = stats(b[what]);
        const label = { firstRow: "first row shown", allLabels: "all labels shown", html: "whole HTML received" }[what];
        rows.push([`${b.name}: ${label}`, s, `${(s.p50 / list.p50).toFixed(2)}× ListSession`]);
      }
    printTable(
      `Sessions page, two builds alternated (${machine()}; cloud mode: strict runtime, ${LATENCY_MS} ms latency; ${runs} rounds)`,
      rows,
    );
    console.log(`this checkout's first row came later in ${later} of ${runs} rounds\n`);
  } finally {
    await browser.close();
    await stopAll(servers);
    await rt.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One page load of a build, timed as bench:cloud times it (recorded unless `warm`). */
async function shownAt(b: Build, warm = false) {
  const at = await loadShown(b.ctx!, `${b.base}/sessions?size=${PAGE}`, PAGE, "idx");
  if (warm) return;
  b.firstRow.push(at.firstRow!);
  b.allLabels.push(at.allLabels!);
  b.html.push(at.responseEnd);
}

runBench(main);
