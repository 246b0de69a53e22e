// `npm start` (scripts/start.mjs --no-build) owned by a test or bench, on its own ports and data
// dir, with a handle on its supervised runtime process so it can be crashed on purpose. With
// AGB_ENDPOINT + AGB_API_KEY in `env` it starts the dashboard alone, against that backend.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root, waitForHttp } from "./server";

export interface SupervisedApp {
  start: ChildProcess;
  url: string;
  runtimeUrl: string;
  /** What start.mjs (and Next) printed on stderr so far. */
  stderr(): string;
  /** The pid of the runtime process start.mjs is supervising right now, or null. */
  runtimePid(): number | null;
  /** SIGTERM to start.mjs; resolves with its exit code. */
  stop(): Promise<number | null>;
}

function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid)
        out.push({ pid: Number(name), cmd: fs.readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ") });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

export async function startSupervisedApp(o: {
  port: number;
  runtimePort: number;
  dataDir: string;
  password: string;
  env?: Record<string, string>;
}): Promise<SupervisedApp> {
  fs.rmSync(o.dataDir, { recursive: true, force: true });
  // What the caller's own environment says about the backend and the cookie secret does not leak
  // in; `o.env` may set them (a second instance pointed at the first one's runtime, say).
  const inherited = { ...process.env };
  for (const k of ["AGB_ENDPOINT", "AGB_API_KEY", "AGB_BACKEND", "DASHBOARD_SESSION_SECRET", "DATABASE_URL"])
    delete inherited[k];
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(o.port),
    AGB_RUNTIME_PORT: String(o.runtimePort),
    AGB_DATA_DIR: o.dataDir,
    DASHBOARD_PASSWORD: o.password,
    AGB_RUNTIME_POOL_SIZE: "0",
    AGB_RUNTIME_PREWARM: "0",
    // Apart from the uids of other runtimes on this host (the e2e stacks run beside it).
    AGB_RUNTIME_UID_BASE: "120000",
    ...o.env,
  };
  const start = spawn(process.execPath, [path.join(root, "scripts/start.mjs"), "--no-build"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  start.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const url = `http://127.0.0.1:${o.port}`;
  await waitForHttp(`${url}/api/health`, { child: start, timeoutMs: 120_000 });
  return {
    start,
    url,
    runtimeUrl: `http://127.0.0.1:${o.runtimePort}`,
    stderr: () => err,
    runtimePid: () => childrenOf(start.pid!).find((c) => c.cmd.includes("scripts/runtime.ts"))?.pid ?? null,
    stop: () =>
      new Promise((resolve) => {
        if (start.exitCode !== null || start.signalCode !== null) return resolve(start.exitCode);
        start.once("exit", (code) => resolve(code));
        start.kill("SIGTERM");
      }),
  };
}

/** Logs in over HTTP and returns the cookie header value. */
export async function loginCookie(url: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ password }),
  });
  if (res.status !== 204) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get("set-cookie")!.split(";")[0];
}
