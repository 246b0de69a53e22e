// `npm start`'s backend selection (scripts/start.mjs), run as users run it: one of AGB_ENDPOINT /
// AGB_API_KEY alone is an error naming the other; both set start no runtime and the dashboard talks
// to that AGB; the embedded backend's first start prints the generated password once.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { backend, isStrict } from "./support/project";
import { E2E } from "../playwright.config";

test.use({ storageState: { cookies: [], origins: [] } });
test.skip(() => isStrict(), "start.mjs is project-independent: it runs in the embedded project only");

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

/** The parent's env without anything that picks a backend or a password. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of [
    "AGB_ENDPOINT",
    "AGB_API_KEY",
    "AGB_BACKEND",
    "DASHBOARD_PASSWORD",
    "DASHBOARD_SESSION_SECRET",
    "AGB_RUNTIME_API_KEYS",
    "PORT",
    "AGB_RUNTIME_PORT",
  ])
    delete env[k];
  return { ...env, HOST: "127.0.0.1", ...extra };
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Started {
  const child = spawn("node", ["scripts/start.mjs", "--no-build"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function running(s: Started) {
  await expect
    .poll(() => s.output(), { timeout: 90_000, message: "the dashboard did not start" })
    .toMatch(/AGB Dashboard is running/);
}

async function stop(s: Started) {
  if (s.child.exitCode === null) s.child.kill("SIGTERM");
  await s.exited;
}

const login = (base: string, password: string) =>
  fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ password }),
  });

test("one of AGB_ENDPOINT and AGB_API_KEY alone is an error that names the missing one", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-start-"));
  for (const [set, missing] of [
    [{ AGB_ENDPOINT: "http://127.0.0.1:1" }, "AGB_API_KEY"],
    [{ AGB_API_KEY: "k" }, "AGB_ENDPOINT"],
  ] as const) {
    const s = start(cleanEnv({ ...set, AGB_DATA_DIR: dataDir, PORT: String(await freePort()) }));
    expect(await s.exited).toBe(2);
    expect(s.output()).toContain(`${missing} is missing: set both AGB_ENDPOINT and AGB_API_KEY`);
  }
  expect(fs.readdirSync(dataDir)).toEqual([]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("both set: no runtime starts and the dashboard manages that AGB", async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-start-"));
  const [port, runtimePort] = [await freePort(), await freePort()];
  // The AGB here is the e2e suite's own embedded runtime.
  const key = backend().apiKey();
  const endpoint = `http://127.0.0.1:${E2E.runtimePort}`;
  const s = start(
    cleanEnv({
      AGB_ENDPOINT: endpoint,
      AGB_API_KEY: key,
      AGB_DATA_DIR: dataDir,
      PORT: String(port),
      AGB_RUNTIME_PORT: String(runtimePort),
      DASHBOARD_PASSWORD: "start-test-password",
    }),
  );
  try {
    await running(s);
    const base = `http://127.0.0.1:${port}`;
    expect(s.output()).toMatch(new RegExp(`Backend: +${endpoint}\\n`));
    expect(fs.existsSync(path.join(dataDir, "runtime"))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${runtimePort}/health`)).rejects.toThrow();
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true, backend: "cloud" });
    const res = await login(base, "start-test-password");
    expect(res.status).toBe(204);
    const images = await fetch(`${base}/api/images`, {
      headers: { cookie: res.headers.get("set-cookie")!.split(";")[0] },
    });
    expect(images.status).toBe(200);
  } finally {
    await stop(s);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("embedded: the first start prints the generated password, once", async () => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "agb-start-"));
  const [port, runtimePort] = [await freePort(), await freePort()];
  const env = cleanEnv({
    AGB_DATA_DIR: dataDir,
    PORT: String(port),
    AGB_RUNTIME_PORT: String(runtimePort),
    AGB_RUNTIME_POOL_SIZE: "0",
  });
  const base = `http://127.0.0.1:${port}`;
  let password = "";
  const first = start(env);
  try {
    await running(first);
    password = /a login password was generated\.[\s│]*\n│\s+(\S+)\s+│/.exec(first.output())?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(first.output()).toContain(`embedded AGB runtime at http://127.0.0.1:${runtimePort}`);
    expect(await (await fetch(`http://127.0.0.1:${runtimePort}/health`)).json()).toMatchObject({ ok: true });
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true, backend: "embedded" });
    expect((await login(base, password)).status).toBe(204);
  } finally {
    await stop(first);
  }
  const second = start(env);
  try {
    await running(second);
    expect(second.output()).not.toContain(password);
    expect(second.output()).not.toMatch(/a login password was generated/);
    expect((await login(base, password)).status).toBe(204);
  } finally {
    await stop(second);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
