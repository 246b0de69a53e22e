#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration tests (Vitest, real runtime), build, then the
// Playwright e2e suite in real Chromium against the real app and runtime. Ends with one
// `N passed, N failed` line counting every test case plus the typecheck, lint and build steps.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./lib/processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = path.join(root, "test-results");
fs.mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

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

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (s) => only.length === 0 || only.includes(s);

/** Counts a whole step (typecheck, lint, build) as one test case. */
const count = (code) => (code === 0 ? passed++ : failed++);

if (want("typecheck")) count(await step("typecheck", bin("tsc"), ["--noEmit", "-p", "."]));
if (want("lint")) count(await step("lint", bin("eslint"), ["--max-warnings=0", "."]));

if (want("unit")) {
  const file = path.join(results, "vitest.json");
  fs.rmSync(file, { force: true });
  const code = await step("unit + integration (vitest)", bin("vitest"), ["run"]);
  const r = readJson(file);
  if (r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (code !== 0 && r.numFailedTests === 0) failed++; // e.g. a suite that failed to load
  } else failed++;
}

if (want("e2e")) {
  // The e2e suite runs against a production build, like users get.
  const build = await step("build (next build)", bin("next"), ["build"]);
  count(build);
  if (build === 0) {
    const file = path.join(results, "playwright.json");
    fs.rmSync(file, { force: true });
    const code = await step("end-to-end (playwright, chromium)", bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    const r = readJson(file);
    if (r?.stats) {
      passed += r.stats.expected + (r.stats.flaky ?? 0);
      failed += r.stats.unexpected;
      if (code !== 0 && r.stats.unexpected === 0) failed++;
    } else failed++;
  }
}

console.log(`\n${summary.join("\n")}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
