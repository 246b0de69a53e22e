import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
// @ts-expect-error: plain .mjs helpers without type declarations
import { buildIsStale as buildIsStaleJs } from "../../lib/build-state.mjs";
// @ts-expect-error: plain .mjs helpers without type declarations
import { dashboardServerArgs } from "../../lib/dashboard-server.mjs";
// @ts-expect-error: plain .mjs helpers without type declarations
import { run as runJs, stopAll as stopAllJs, waitForHttp as waitForHttpJs } from "../../lib/processes.mjs";

export const root = path.resolve(__dirname, "../../..");

export const buildIsStale: (root: string, distDir: string) => boolean = buildIsStaleJs;
export const run: (cmd: string, args: string[], opts?: object) => Promise<number> = runJs;
export const stopAll: (children: ChildProcess[], graceMs?: number) => Promise<void> = stopAllJs;
export const waitForHttp: (url: string, opts?: { timeoutMs?: number; child?: ChildProcess }) => Promise<void> =
  waitForHttpJs;

/** The dist dir the benches use: NEXT_DIST_DIR, else Next's default. */
export const distDir = () => process.env.NEXT_DIST_DIR || ".next";

/** Builds the dashboard into dist when the build is older than its sources (or when forced). */
export async function ensureBuild(bench: string, dist: string, force = false, env: Record<string, string> = {}) {
  if (!force && !buildIsStale(root, dist)) return;
  console.log(`[bench:${bench}] building the dashboard into ${dist}...`);
  // next build adds a custom dist dir's type folders to tsconfig.json: a bench leaves the tree as it found it.
  const tsconfig = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const code = await run(path.join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    env: { ...process.env, ...env, NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: "1" },
  }).finally(() => {
    if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  });
  if (code !== 0) throw new Error("next build failed");
}

/**
 * The dashboard's production server alone (server.ts, as `npm start` runs it) on 127.0.0.1:port,
 * with the given environment on top of ours; from another checkout's build when `dir` is given.
 */
export function startDashboard(port: number, env: Record<string, string>, dir = root): ChildProcess {
  return spawn(process.execPath, dashboardServerArgs(dir) as string[], {
    cwd: dir,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** The real app + runtime (scripts/start.mjs, no build) with the given environment on top of ours. */
export function startApp(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(root, "scripts/start.mjs"), "--no-build"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** scripts/runtime.ts in its own process (node --import tsx, so the pid is the runtime). */
export async function launchRuntime(
  env: Record<string, string>,
): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/runtime.ts")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "pipe"],
  });
  let err = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString();
      const m = /AGB_ENDPOINT=(\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`runtime exited (${code}): ${err}`)));
  });
  return {
    url,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Runs a bench's main, printing its error and exiting non-zero when it fails. */
export function runBench(main: () => Promise<void>) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
