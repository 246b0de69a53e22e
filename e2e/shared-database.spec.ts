// Two dashboard instances on one PostgreSQL, as behind a load balancer: a throwaway server
// (scripts/lib/postgres.mjs), instance A under `npm start` with its embedded runtime, instance B
// (`npm start` without a runtime) pointed at A's runtime; both with the same DATABASE_URL,
// DASHBOARD_SESSION_SECRET and DASHBOARD_PASSWORD. A login made on A works on B, a logout on B
// ends it on A, the login limit counts failures made on either, and both write one audit log.
// Cookies belong to a host, not a port, so one browser context carries a login to both.
import { expect, test, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { E2E } from "../playwright.config";
import { startSupervisedApp, type SupervisedApp, loginCookie } from "../scripts/bench/lib/supervised";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../scripts/lib/postgres.mjs";
import { isStrict } from "./support/project";

const PASSWORD = "shared-database-password";
const SECRET = randomBytes(36).toString("base64url");
const API_KEY = "shared-database-e2e-key-not-secret";
const COOKIE = "agb_dashboard_session";

// Their own ports, beside the two projects' servers and the resilience spec's (defaults 3104, 3105, 8891).
const PORT_A = Number(process.env.E2E_SHARED_DB_PORT_A ?? E2E.port + 4);
const PORT_B = Number(process.env.E2E_SHARED_DB_PORT_B ?? E2E.port + 5);
const RUNTIME_PORT = Number(process.env.E2E_SHARED_DB_RUNTIME_PORT ?? E2E.runtimePort + 4);

let db: ThrowawayPostgres | undefined;
let sql: pg.Pool | undefined;
let a: SupervisedApp | undefined;
let b: SupervisedApp | undefined;

test.describe.configure({ mode: "serial" });

// Instances started by the spec itself, like e2e/resilience.spec.ts: once, in the embedded project.
test.beforeEach(() => test.skip(isStrict(), "the spec starts its own two instances: once, in the embedded project"));

test.beforeAll(async () => {
  if (isStrict()) return;
  test.setTimeout(240_000);
  db = await startThrowawayPostgres({ name: "shared_database_e2e" });
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  const shared = { DATABASE_URL: db.url, DASHBOARD_SESSION_SECRET: SECRET };
  a = await startSupervisedApp({
    port: PORT_A,
    runtimePort: RUNTIME_PORT,
    dataDir: `${E2E.dataDir}-shared-a`,
    password: PASSWORD,
    // Apart from the uids of the other runtimes on this host (e2e stacks, resilience spec).
    env: { ...shared, AGB_RUNTIME_API_KEYS: API_KEY, AGB_RUNTIME_UID_BASE: "130000" },
  });
  b = await startSupervisedApp({
    port: PORT_B,
    runtimePort: RUNTIME_PORT, // unused: B starts no runtime of its own
    dataDir: `${E2E.dataDir}-shared-b`,
    password: PASSWORD,
    env: { ...shared, AGB_ENDPOINT: a.runtimeUrl, AGB_API_KEY: API_KEY, AGB_BACKEND: "embedded" },
  });
});

test.afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await sql?.end();
  await db?.stop();
});

async function audit(where: string, ...params: unknown[]) {
  const r = await sql!.query<{ action: string; username: string; result: string; status: number; detail: string }>(
    `SELECT action, username, result, status, detail FROM audit_log WHERE ${where} ORDER BY id`,
    params,
  );
  return r.rows;
}

async function logInThroughForm(page: Page, url: string) {
  await page.goto(`${url}/login?next=/sessions`);
  // The form asks for a user name once there are several users; "admin" is the first admin.
  const user = page.getByLabel(/user ?name/i);
  if ((await user.count()) > 0) await user.fill("admin");
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole("button", { name: /log ?in/i }).click();
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
}

const sessionCookie = async (ctx: BrowserContext): Promise<Cookie | undefined> =>
  (await ctx.cookies()).find((c) => c.name === COOKIE && c.value !== "");

test("a login made on instance A is valid on B, and logging out on B ends it on A", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const pageA = await ctx.newPage();
    await logInThroughForm(pageA, a!.url);
    expect(new URL(pageA.url()).port).toBe(String(PORT_A));
    const copy = await sessionCookie(ctx);
    expect(copy, "the login cookie").toBeTruthy();

    // B never saw this login: it finds it in the shared database.
    const pageB = await ctx.newPage();
    await pageB.goto(`${b!.url}/sessions`);
    await expect(pageB.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
    expect(new URL(pageB.url()).pathname).toBe("/sessions");
    const me = await ctx.request.get(`${b!.url}/api/auth/me`);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ username: "admin", role: "admin" });

    await pageB.getByRole("button", { name: /log out/i }).click();
    await expect(pageB).toHaveURL(/\/login/);
    expect(await sessionCookie(ctx)).toBeUndefined();

    // A kept copy of the cookie (still correctly signed, not expired) no longer logs in on A:
    // the login ended in the database both share, not only in B's answer.
    await ctx.addCookies([copy!]);
    const meA = await ctx.request.get(`${a!.url}/api/auth/me`);
    expect(meA.status()).toBe(401);
    await pageA.goto(`${a!.url}/sessions`);
    await expect(pageA).toHaveURL(/\/login/);
    await expect(pageA.getByLabel(/password/i)).toBeVisible();

    // One audit log: the login (on A) and the logout (on B).
    const rows = await audit("action IN ('auth.login', 'auth.logout') AND username = 'admin'");
    expect(rows.map((r) => [r.action, r.result])).toEqual([
      ["auth.login", "ok"],
      ["auth.logout", "ok"],
    ]);
  } finally {
    await ctx.close();
  }
});

test("a session created and a command run on B, the session deleted on A: all in the one audit log", async () => {
  const cookieB = await loginCookie(b!.url, PASSWORD);
  const cookieA = await loginCookie(a!.url, PASSWORD);
  const call = (url: string, cookie: string, path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { cookie, origin: url, "content-type": "application/json", ...init.headers },
    });

  const created = await call(b!.url, cookieB, "/api/sessions", {
    method: "POST",
    body: JSON.stringify({ imageId: "agb-code-space-1", labels: { e2e: "shared-database" } }),
  });
  expect(created.status).toBe(201);
  const { sessionId } = (await created.json()) as { sessionId: string };
  try {
    const ran = await call(b!.url, cookieB, `/api/sessions/${sessionId}/command`, {
      method: "POST",
      body: JSON.stringify({ command: "echo from-instance-b" }),
    });
    expect(ran.status).toBe(200);
  } finally {
    expect((await call(a!.url, cookieA, `/api/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(200);
  }

  const rows = await audit("session_id = $1", sessionId);
  expect(rows.map((r) => [r.action, r.username, r.result, r.status])).toEqual([
    ["session.create", "admin", "ok", 201],
    ["command.run", "admin", "ok", 200],
    ["session.delete", "admin", "ok", 200],
  ]);
  expect(JSON.parse(rows[1].detail)).toMatchObject({ command: "echo from-instance-b" });
});

test("the login limit counts failures on A against the same client on B", async () => {
  const attempt = (url: string, password: string) =>
    fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ password }),
    });
  for (let i = 0; i < 10; i++) expect((await attempt(a!.url, `wrong-${i}`)).status).toBe(401);
  // B has never seen this client fail, and the password is right: refused all the same.
  const r = await attempt(b!.url, PASSWORD);
  expect(r.status).toBe(429);
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await audit("action = 'auth.login' AND result = 'wrong_password'")).length).toBe(10);
});
