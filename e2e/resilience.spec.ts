// Faults and attacks against the real production server under a test-owned `npm start`
// (scripts/start.mjs) on its own ports and data dir, so crashing its runtime disturbs no other
// spec: kill -9 of the runtime (it comes back, the API answers 503 meanwhile, then 200), the
// browser's "backend unavailable" notice keeping what was typed, the login form's redirect
// staying on the dashboard, a 50 MB chunked body refused
// early, X-Forwarded-For and the peer stamp not usable to dodge the login limit, and SIGTERM
// draining a request in flight before both processes stop.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { isStrict } from "./support/project";
import { loginCookie, startSupervisedApp, type SupervisedApp } from "../scripts/bench/lib/supervised";

const PASSWORD = "resilience-password";
let app: SupervisedApp;
let cookie = "";

// Its own ports, beside the two projects' servers (defaults 3102 / 8889).
const PORT = Number(process.env.E2E_RESILIENCE_PORT ?? E2E.port + 2);
const RUNTIME_PORT = Number(process.env.E2E_RESILIENCE_RUNTIME_PORT ?? E2E.runtimePort + 2);

test.describe.configure({ mode: "serial" });

// About `npm start` and its embedded runtime: once, not again in the cloud-mode project.
test.beforeEach(() => test.skip(isStrict(), "npm start's supervised runtime is tested in the embedded project"));

test.beforeAll(async () => {
  if (isStrict()) return;
  test.setTimeout(180_000);
  app = await startSupervisedApp({
    port: PORT,
    runtimePort: RUNTIME_PORT,
    dataDir: `${E2E.dataDir}-resilience`,
    password: PASSWORD,
  });
  cookie = await loginCookie(app.url, PASSWORD);
});

test.afterAll(async () => {
  await app?.stop();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, {
    ...init,
    headers: { cookie, origin: app.url, "content-type": "application/json", ...init.headers },
  });

async function crashRuntime(): Promise<number> {
  const pid = app.runtimePid();
  expect(pid, "the runtime process under npm start").toBeTruthy();
  process.kill(pid!, "SIGKILL");
  await expect.poll(() => app.runtimePid()).not.toBe(pid);
  return pid!;
}

test("kill -9 of the runtime during a command: npm start restarts it, the API answers 503 meanwhile and 200 after, sessions survive", async () => {
  const created = await api("/api/sessions", {
    method: "POST",
    body: JSON.stringify({ imageId: "agb-code-space-1", labels: { e2e: "resilience" } }),
  });
  expect(created.status).toBe(201);
  const { sessionId } = (await created.json()) as { sessionId: string };

  // A command in flight when the runtime dies answers 503 with a message, not 500.
  const inFlight = api(`/api/sessions/${sessionId}/command`, {
    method: "POST",
    body: JSON.stringify({ command: "sleep 20", timeoutMs: 30_000 }),
  });
  await new Promise((r) => setTimeout(r, 1000));
  await crashRuntime();
  const cut = await inFlight;
  expect(cut.status).toBe(503);
  expect(((await cut.json()) as { error: { message: string } }).error.message).toMatch(/backend is unavailable/);
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const r = await api("/api/sessions?label=e2e%3Aresilience");
        seen.add(r.status);
        if (r.status === 503)
          expect(((await r.json()) as { error: { code: string } }).error.code).toBe("backend_unavailable");
        return r.status;
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBe(200);
  for (const s of seen) expect([200, 503]).toContain(s);
  expect(app.stderr()).toMatch(/the embedded runtime exited unexpectedly \(signal SIGKILL\); restarting in \d+ ms/);
  const list = (await (await api("/api/sessions?label=e2e%3Aresilience")).json()) as { items: { sessionId: string }[] };
  expect(list.items.map((i) => i.sessionId)).toContain(sessionId);
  expect(
    (
      await api(`/api/sessions/${sessionId}/command`, {
        method: "POST",
        body: JSON.stringify({ command: "echo back" }),
      })
    ).status,
  ).toBe(200);
});

test("the browser shows 'backend unavailable, reconnecting', keeps what was typed, and recovers by itself", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: app.url, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login?next=/sessions");
  await page.getByLabel(/user name/i).fill("admin");
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /log ?in/i }).click();
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  const typed = page.getByTestId("goto-session");
  await typed.fill("half-typed-id");

  // Hold the supervisor so the outage lasts until the notice has been seen.
  process.kill(app.start.pid!, "SIGSTOP");
  try {
    await crashRuntime();
    const notice = page.getByRole("status").filter({ hasText: /backend unavailable, reconnecting/i });
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await expect(typed).toHaveValue("half-typed-id");
  } finally {
    process.kill(app.start.pid!, "SIGCONT");
  }
  await expect(page.getByRole("status").filter({ hasText: /backend unavailable/i })).toBeHidden({ timeout: 30_000 });
  await expect(typed).toHaveValue("half-typed-id");
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  await context.close();
});

test("the login form follows ?next= only within the dashboard", async ({ browser }) => {
  // One variant in the browser (the others are unit-tested in tests/api/hardening.test.ts).
  for (const next of ["/%09/evil.example"]) {
    const context = await browser.newContext({ baseURL: app.url, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(`/login?next=${next}`);
    await page.getByLabel(/user name/i).fill("admin");
    await page.getByLabel(/password/i).fill(PASSWORD);
    await page.getByRole("button", { name: /log ?in/i }).click();
    await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
    expect(new URL(page.url()).origin, next).toBe(app.url);
    await context.close();
  }
});

test("a 50 MB chunked login body is refused with 413 long before it is all sent", async () => {
  const total = 50 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const { status, sent, body } = await new Promise<{ status: number; sent: number; body: string }>(
    (resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(
        `${app.url}/api/auth/login`,
        {
          method: "POST",
          headers: { "content-type": "application/json", origin: app.url, "transfer-encoding": "chunked" },
        },
        (res) => {
          answered = true;
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => {
            resolve({ status: res.statusCode!, sent, body });
            req.destroy();
          });
        },
      );
      req.on("error", (e) => (answered ? undefined : reject(e)));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    },
  );
  expect(status).toBe(413);
  expect(body).toMatch(/larger than the 8 KiB this request accepts/);
  expect(sent).toBeLessThan(total / 2);
});

test("the login limit holds against a forged X-Forwarded-For or peer header", async () => {
  const attempt = (password: string, headers: Record<string, string>) =>
    fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url, ...headers },
      body: JSON.stringify({ password }),
    });
  for (let i = 0; i < 10; i++)
    expect(
      (await attempt(`wrong-${i}`, { "x-forwarded-for": `203.0.113.${i}`, "x-agb-dashboard-peer": `198.51.100.${i}` }))
        .status,
    ).toBe(401);
  const r = await attempt(PASSWORD, { "x-forwarded-for": "203.0.113.99", "x-agb-dashboard-peer": "198.51.100.99" });
  expect(r.status).toBe(429);
});

test("SIGTERM to npm start lets a request in flight finish, then stops the dashboard and the runtime", async () => {
  const created = await api("/api/sessions", {
    method: "POST",
    body: JSON.stringify({ imageId: "agb-code-space-1", labels: { e2e: "resilience" } }),
  });
  const { sessionId } = (await created.json()) as { sessionId: string };
  const inFlight = api(`/api/sessions/${sessionId}/command`, {
    method: "POST",
    body: JSON.stringify({ command: "sleep 1.5; echo drained", timeoutMs: 10_000 }),
  });
  await new Promise((r) => setTimeout(r, 300));
  const exited = app.stop();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(JSON.stringify(await res.json())).toContain("drained");
  expect(await exited).toBe(0);
  await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
  await expect(fetch(`${app.runtimeUrl}/health`)).rejects.toThrow();
});
