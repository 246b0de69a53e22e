#!/usr/bin/env node
// `npm start`: build if needed, start the embedded AGB runtime (unless AGB_ENDPOINT + AGB_API_KEY
// point at another AGB), start the dashboard, print the URL and how to log in. The runtime is
// supervised: restarted with backoff when it crashes (the dashboard answers 503 meanwhile).
// Ctrl+C / SIGTERM drains: the dashboard finishes requests in flight (bounded), then the runtime.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./lib/build-state.mjs";
import { dashboardServerArgs } from "./lib/dashboard-server.mjs";
import { run, stopAll, waitForHttp } from "./lib/processes.mjs";
import { supervise } from "./lib/supervisor.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env };
const fail = (msg) => {
  console.error(`\n[start] ${msg}\n`);
  process.exit(2);
};

const host = env.HOST || "127.0.0.1";
const port = Number(env.PORT || 3000);
const runtimePort = Number(env.AGB_RUNTIME_PORT || 8787);
const dataDir = path.resolve(root, env.AGB_DATA_DIR || ".data");
const distDir = env.NEXT_DIST_DIR || ".next";
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${env.PORT}"`);
if (!Number.isInteger(runtimePort) || runtimePort < 1 || runtimePort > 65535)
  fail(`AGB_RUNTIME_PORT must be a port number, got "${env.AGB_RUNTIME_PORT}"`);

const hasEndpoint = Boolean(env.AGB_ENDPOINT);
const hasKey = Boolean(env.AGB_API_KEY);
if (hasEndpoint !== hasKey)
  fail(
    `${hasEndpoint ? "AGB_API_KEY" : "AGB_ENDPOINT"} is missing: set both AGB_ENDPOINT and AGB_API_KEY to use AGB cloud, or neither to use the embedded runtime.`,
  );
const embedded = !hasEndpoint;

/** How long each child gets to finish its work in flight on shutdown before it is killed. */
const DRAIN_MS = 10_000;
const children = [];
let runtime = null; // the supervisor of the embedded runtime
let stopping = false;
async function shutdown(code) {
  if (stopping) return new Promise(() => {}); // the first call exits the process
  stopping = true;
  console.log(
    `\n[start] stopping: finishing requests in flight (at most ${DRAIN_MS / 1000} s each for the dashboard, then the runtime)...`,
  );
  // The dashboard first, so nothing new reaches the runtime while it drains.
  await stopAll(children, DRAIN_MS);
  await runtime?.stop(DRAIN_MS);
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

if (!process.argv.includes("--no-build") && buildIsStale(root, distDir)) {
  console.log("[start] building the dashboard (next build)...");
  const code = await run(bin("next"), ["build"], { cwd: root, env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (code !== 0) fail("next build failed (see above)");
}

fs.mkdirSync(dataDir, { recursive: true });
const childEnv = { ...env, AGB_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };

if (embedded) {
  // One JSON line per request (with its requestId) goes to a file, not over the dashboard's output.
  fs.mkdirSync(path.join(dataDir, "runtime"), { recursive: true });
  const runtimeLog = fs.openSync(path.join(dataDir, "runtime", "runtime.log"), "a");
  let ready = false;
  runtime = supervise({
    name: "embedded runtime",
    // `node --import tsx`, not the tsx CLI: one process, so a crash (or kill -9) of the runtime is
    // seen here and no orphan keeps its port.
    start: () =>
      spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/runtime.ts"), "--quiet-banner"], {
        cwd: root,
        env: {
          ...childEnv,
          AGB_RUNTIME_PORT: String(runtimePort),
          // so the SDK's session.info() links to the session's page here
          AGB_RUNTIME_DASHBOARD_URL:
            env.AGB_RUNTIME_DASHBOARD_URL || `http://${/^(0\.0\.0\.0|::)$/.test(host) ? "127.0.0.1" : host}:${port}`,
        },
        stdio: ["ignore", runtimeLog, "inherit"],
      }),
    restartable: () => ready,
    // More allowed crashes for benches that crash it on purpose.
    maxCrashes: Number(env.AGB_START_MAX_CRASHES) || 5,
    onStart: (c) => {
      if (ready)
        waitForHttp(`http://127.0.0.1:${runtimePort}/health`, { child: c, timeoutMs: 60_000 }).then(
          () => console.error("[start] the embedded runtime is back"),
          () => {},
        );
    },
    onGiveUp: (reason) => {
      if (stopping) return;
      console.error(
        `\n[start] ${reason}. Its log: ${path.join(dataDir, "runtime", "runtime.log")}. Stopping the dashboard.\n`,
      );
      shutdown(1);
    },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${runtimePort}/health`, { child: runtime.child, timeoutMs: 60_000 });
    ready = true;
  } catch (e) {
    console.error(`[start] the embedded runtime did not start: ${e.message}`);
    await shutdown(1);
  }
  const keyFromEnv = (env.AGB_RUNTIME_API_KEYS || "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)[0];
  const key = keyFromEnv || fs.readFileSync(path.join(dataDir, "runtime", "api-key"), "utf8").trim();
  childEnv.AGB_ENDPOINT = `http://127.0.0.1:${runtimePort}`;
  childEnv.AGB_API_KEY = key;
  childEnv.AGB_BACKEND = "embedded";
}

// Migrates the database and creates the first admin on first start (password printed once) and the cookie secret.
const init = await run(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts/init-dashboard.ts")], {
  cwd: root,
  env: childEnv,
});
if (init !== 0) await shutdown(1);

// The dashboard's own server (server.ts: Next's custom server, which also serves the terminal's WebSocket).
const next = spawn(process.execPath, dashboardServerArgs(root), {
  cwd: root,
  env: { ...childEnv, NODE_ENV: "production", PORT: String(port), HOST: host },
  stdio: ["ignore", "inherit", "inherit"],
});
children.push(next);
next.on("exit", (code) => {
  if (!stopping) {
    console.error(`[start] the dashboard exited (code ${code}).`);
    shutdown(1);
  }
});
try {
  await waitForHttp(`http://${host}:${port}/api/health`, { child: next, timeoutMs: 60_000 });
} catch (e) {
  console.error(`[start] the dashboard did not start: ${e.message}`);
  await shutdown(1);
}

console.log(`
  AGB Dashboard is running:  http://${host}:${port}
  Backend:                   ${embedded ? `embedded AGB runtime at http://127.0.0.1:${runtimePort} (data in ${dataDir}, log in ${path.join(dataDir, "runtime", "runtime.log")})` : env.AGB_ENDPOINT}
  Log in with:               user "admin" and ${env.DASHBOARD_PASSWORD ? "the password in DASHBOARD_PASSWORD" : "the password printed above on first start (stored hashed in the dashboard's database); set DASHBOARD_PASSWORD and restart to reset it"}; admins add other users from the Users page
  Stop with Ctrl+C.
`);
