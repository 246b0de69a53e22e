#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration tests (Vitest, real runtime), build, then the
// Playwright e2e suite in real Chromium against the real app and runtime. Ends with one line,
// `N passed, N failed (N flaky, N skipped)`, counting every test case plus the typecheck, lint and
// build steps. A test that failed and then passed on a retry is counted as flaky, not hidden among
// the passes; skipped, pending and todo tests are counted as skipped. An unknown stage name, or a
// test stage that selects no test at all, fails the run instead of printing "0 passed, 0 failed".
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./lib/processes.mjs";
import { playwrightCounts, playwrightNamed, vitestCounts, vitestNamed } from "./lib/test-report.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });

const STAGES = ["typecheck", "lint", "unit", "e2e"];
const total = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
const summary = [];
const named = { failed: [], flaky: [] };
/** Keeps a stage's failed and flaky test names for the end of the run. */
const remember = (n) => {
  named.failed.push(...n.failed);
  named.flaky.push(...n.flaky);
};

async function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const code = await run(cmd, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  summary.push(`${code === 0 ? "ok  " : "FAIL"} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return code;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Adds a test stage's counts; a stage with no report or no selected test is one failure. */
function add(name, counts) {
  for (const k of Object.keys(total)) total[k] += counts[k];
  if (counts.note) summary.push(`FAIL ${name}: ${counts.note}`);
}

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const unknown = only.filter((s) => !STAGES.includes(s));
if (unknown.length > 0) {
  console.error(`unknown test stage ${unknown.map((s) => `"${s}"`).join(", ")}; the stages are ${STAGES.join(", ")}`);
  console.log(`0 passed, ${unknown.length} failed`);
  process.exit(1);
}
const want = (s) => only.length === 0 || only.includes(s);

/** Counts a whole step (typecheck, lint, build) as one test case. */
const count = (code) => (code === 0 ? total.passed++ : total.failed++);

if (want("typecheck")) count(await step("typecheck", bin("tsc"), ["--noEmit", "-p", "."]));
if (want("lint")) count(await step("lint", "npm", ["run", "--silent", "lint"]));

if (want("unit")) {
  const file = path.join(results, "vitest.json");
  fs.rmSync(file, { force: true });
  const code = await step("unit + integration (vitest)", bin("vitest"), ["run"]);
  const report = readJson(file);
  add("vitest", vitestCounts(report, code));
  remember(vitestNamed(report, root));
}

if (want("e2e")) {
  // The e2e suite runs against a production build, like users get.
  const build = await step("build (next build)", bin("next"), ["build"]);
  count(build);
  if (build === 0) {
    const file = path.join(results, "playwright.json");
    fs.rmSync(file, { force: true });
    const code = await step("end-to-end (playwright, chromium)", bin("playwright"), ["test"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    });
    const report = readJson(file);
    add("playwright", playwrightCounts(report, code));
    remember(playwrightNamed(report));
  }
}

for (const [kind, names] of Object.entries(named))
  if (names.length > 0) console.log(`\n${kind}:\n${names.map((n) => `  ${n}`).join("\n")}`);
console.log(`\n${summary.join("\n")}\n`);
console.log(`${total.passed} passed, ${total.failed} failed (${total.flaky} flaky, ${total.skipped} skipped)`);
process.exit(total.failed === 0 ? 0 : 1);
