#!/usr/bin/env node
// The dashboard in cloud mode against the runtime in strict mode: what a user sees when pointing
// the dashboard (AGB_ENDPOINT + AGB_API_KEY) at AGB itself. Used by the `strict` e2e project and
// usable by hand. The runtime gets AGB_RUNTIME_STRICT=1 on top of our environment (so latency,
// faults, keys and ports come from AGB_RUNTIME_*), the dashboard only the endpoint and key.
// Needs AGB_RUNTIME_API_KEYS (the dashboard's key is its first). Ctrl+C / SIGTERM stops both.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stopAll, waitForHttp } from "./lib/processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env };
const runtimePort = Number(env.AGB_RUNTIME_PORT || 8787);
const port = Number(env.PORT || 3000);
const key = (env.AGB_RUNTIME_API_KEYS || "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean)[0];
if (!key) {
  console.error("[cloud-stack] set AGB_RUNTIME_API_KEYS: the dashboard uses its first key as AGB_API_KEY");
  process.exit(2);
}
const dataDir = path.resolve(root, env.AGB_DATA_DIR || ".data/cloud-stack");
fs.mkdirSync(path.join(dataDir, "runtime"), { recursive: true });

const children = [];
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await stopAll(children);
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
const watch = (child, what) =>
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`[cloud-stack] ${what} exited (code ${code})`);
      void shutdown(1);
    }
  });

const runtimeLog = fs.openSync(path.join(dataDir, "runtime", "runtime.log"), "a");
const runtime = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/runtime.ts"), "--quiet-banner"], {
  cwd: root,
  env: {
    ...env,
    AGB_DATA_DIR: dataDir,
    AGB_RUNTIME_STRICT: "1",
    AGB_RUNTIME_DASHBOARD_URL: env.AGB_RUNTIME_DASHBOARD_URL || `http://127.0.0.1:${port}`,
  },
  stdio: ["ignore", runtimeLog, "inherit"],
});
children.push(runtime);
watch(runtime, "the strict runtime");
try {
  await waitForHttp(`http://127.0.0.1:${runtimePort}/health`, { child: runtime, timeoutMs: 60_000 });
} catch (e) {
  console.error(`[cloud-stack] the strict runtime did not start: ${e.message}`);
  await shutdown(1);
}

// Only what a cloud user sets: no AGB_RUNTIME_* reaches the dashboard, so it cannot tell this
// from AGB except by what the backend answers.
const dashEnv = Object.fromEntries(
  Object.entries(env).filter(([k]) => !k.startsWith("AGB_RUNTIME_") && k !== "AGB_BACKEND"),
);
const dashboard = spawn(process.execPath, [path.join(root, "scripts/start.mjs"), ...process.argv.slice(2)], {
  cwd: root,
  env: { ...dashEnv, AGB_DATA_DIR: dataDir, AGB_ENDPOINT: `http://127.0.0.1:${runtimePort}`, AGB_API_KEY: key },
  stdio: ["ignore", "inherit", "inherit"],
});
children.push(dashboard);
watch(dashboard, "the dashboard");
