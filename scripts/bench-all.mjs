#!/usr/bin/env node
// `npm run bench`: every benchmark in turn. Each prints median and p95 beside its baseline.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./lib/processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benches = ["runtime", "kernels", "api", "ui", "console", "terminal", "cloud", "recovery", "audit"];
let failed = 0;
for (const b of benches) {
  console.log(`\n##### bench:${b}`);
  if ((await run("npm", ["run", "--silent", `bench:${b}`], { cwd: root })) !== 0) failed++;
}
process.exit(failed ? 1 : 0);
