// Sign-in with OpenID Connect against a real provider: `oidc-provider` runs in this test process on
// a free loopback port with one confidential client and its built-in login and consent pages, and a
// dashboard of its own (`npm start` on its own ports and data dir) is configured with OIDC_*.
// Covered: the login page's button, the full redirect chain to /sessions, the role from the
// `agb_role` claim (the default role without it, a new role after a change at the provider), a
// disabled user, a forged state, a cancelled sign-in, a callback without its flow cookie, a
// provider gone mid-sign-in, and the audit records of all.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Provider } from "oidc-provider";
import { E2E } from "../playwright.config";
import { isStrict } from "./support/project";
import { startSupervisedApp, type SupervisedApp } from "../scripts/bench/lib/supervised";

// Its own ports, beside the two projects' servers and the resilience spec's (+2).
const PORT = Number(process.env.E2E_OIDC_PORT ?? E2E.port + 3);
const RUNTIME_PORT = Number(process.env.E2E_OIDC_RUNTIME_PORT ?? E2E.runtimePort + 3);
const DATA_DIR = `${E2E.dataDir}-oidc`;
const dbFile = path.join(DATA_DIR, "dashboard", "dashboard.db");
const CLIENT_ID = "agb-dashboard-e2e";
const CLIENT_SECRET = "oidc-e2e-client-secret-not-secret";
const DISPLAY_NAME = "Test IdP";

/** Claims per login name typed at the provider; anyone else has no role claim. */
const ROLE_CLAIMS: Record<string, Record<string, unknown>> = { olivia: { agb_role: "operator" } };

let app: SupervisedApp;
let idp: { issuer: string; close(): Promise<void> };

async function startProvider(redirectUri: string): Promise<typeof idp> {
  // The issuer URL names the port, so the server listens first and the provider comes after.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The dev login form accepts any login name: it becomes the account id.
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, email: `${id}@example.test`, ...ROLE_CLAIMS[id] }),
    }),
    // Only `sub` goes in the ID token (conformIdTokenClaims): the rest is read from userinfo.
    claims: { openid: ["sub"], profile: ["preferred_username", "agb_role"], email: ["email"] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["oidc-e2e-cookie-key-not-secret"] },
  });
  handle = provider.callback();
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test.describe.configure({ mode: "serial" });

// One provider and one extra dashboard are enough: not again in the cloud-mode project, whose
// backend has no part in signing in.
test.beforeEach(() => test.skip(isStrict(), "sign-in does not touch the AGB backend: tested in the embedded project"));

test.beforeAll(async () => {
  if (isStrict()) return;
  test.setTimeout(180_000);
  const url = `http://127.0.0.1:${PORT}`;
  idp = await startProvider(`${url}/api/auth/oidc/callback`);
  app = await startSupervisedApp({
    port: PORT,
    runtimePort: RUNTIME_PORT,
    dataDir: DATA_DIR,
    password: "oidc-e2e-admin-password",
    env: {
      AGB_RUNTIME_UID_BASE: "123000",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_DISPLAY_NAME: DISPLAY_NAME,
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await idp?.close();
});

/** A browser with no dashboard or provider cookies. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, storageState: { cookies: [], origins: [] } });
  // The provider's dev pages import a web font; there is no internet here.
  await context.route(/fonts\.googleapis\.com/, (r) => r.abort());
  return context.newPage();
}

async function signInAtProvider(page: Page, login: string) {
  await page.goto("/login?next=/sessions");
  await page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click(); // consent
}

const alert = (page: Page, text: RegExp) => page.getByRole("alert").filter({ hasText: text });
const me = async (page: Page) => (await page.request.get("/api/auth/me")).json();

test("without OIDC_* the login page offers no provider, and asks for the user name and password", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.getByLabel("User name")).toBeVisible();
  await expect(page.getByLabel(/password/i)).toBeVisible();
  await expect(page.getByRole("link", { name: /sign in with/i })).toHaveCount(0);
});

test("signing in through the provider lands on /sessions with the role of the agb_role claim", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/login");
  await expect(page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` })).toBeVisible();
  expect(await page.content()).not.toContain(CLIENT_SECRET);
  await signInAtProvider(page, "olivia");
  await expect(page).toHaveURL(`${app.url}/sessions`);
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  expect(await me(page)).toEqual({ username: "olivia", role: "operator" });
  // The flow cookie is spent; the login cookie is the dashboard's usual one.
  const names = (await page.context().cookies(app.url)).map((c) => c.name);
  expect(names).toContain("agb_dashboard_session");
  expect(names).not.toContain("agb_oidc_flow");
  await page.context().close();
});

test("a user without the claim gets the default role (viewer)", async ({ browser }) => {
  const page = await freshPage(browser);
  await signInAtProvider(page, "victor");
  await expect(page).toHaveURL(`${app.url}/sessions`);
  expect(await me(page)).toEqual({ username: "victor", role: "viewer" });
  await page.context().close();
});

test("the role follows the claim at each sign-in, and a disabled user is refused with a message", async ({
  browser,
}) => {
  ROLE_CLAIMS.victor = { agb_role: ["viewer", "admin"] }; // changed at the provider
  const page = await freshPage(browser);
  await signInAtProvider(page, "victor");
  await expect(page).toHaveURL(`${app.url}/sessions`);
  expect(await me(page)).toEqual({ username: "victor", role: "admin" });
  await page.context().close();

  // What an admin's "disable" does to the row (the Users page is not part of this spec).
  const db = new Database(dbFile);
  try {
    expect(db.prepare("UPDATE users SET disabled = 1 WHERE username = 'victor'").run().changes).toBe(1);
  } finally {
    db.close();
  }
  const again = await freshPage(browser);
  await signInAtProvider(again, "victor");
  await expect(again).toHaveURL(/\/login\?error=user_disabled&next=%2Fsessions$/);
  await expect(alert(again, /This user is disabled/)).toBeVisible();
  expect((await me(again)).error.code).toBe("unauthenticated");
  await again.context().close();
});

test("a forged state, a cancelled sign-in and a lost flow cookie land on /login with a message", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  // A real sign-in started (its flow cookie is set), answered with someone else's state.
  await page.goto("/login");
  await page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  const q = new URLSearchParams({ code: "stolen-code", state: "not-the-state", iss: idp.issuer });
  await page.goto(`/api/auth/oidc/callback?${q}`);
  await expect(page).toHaveURL(/\/login\?error=oidc_state$/);
  await expect(alert(page, /did not match this sign-in/)).toBeVisible();
  expect((await me(page)).error.code).toBe("unauthenticated");

  // The flow cookie was cleared with that answer: the same callback again has nothing to match.
  await page.goto(`/api/auth/oidc/callback?${q}`);
  await expect(page).toHaveURL(/\/login\?error=oidc_expired$/);
  await expect(alert(page, /took too long or its cookie was lost/)).toBeVisible();

  // "[ Cancel ]" at the provider answers access_denied.
  await page.goto("/login?next=/sessions");
  await page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` }).click();
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(page).toHaveURL(/\/login\?error=oidc_denied&next=%2Fsessions$/);
  await expect(alert(page, /did not sign you in/)).toBeVisible();
  await page.context().close();
});

test("a provider that goes down mid-sign-in: back on /login with a message, not an error page", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto("/login");
  const authRequest = page.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth?`));
  await page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` }).click();
  const state = new URL((await authRequest).url()).searchParams.get("state")!;
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await idp.close();
  // The right state, so the dashboard goes on to exchange the code, at a provider that is gone.
  await page.goto(`/api/auth/oidc/callback?${new URLSearchParams({ code: "c", state, iss: idp.issuer })}`);
  await expect(page).toHaveURL(/\/login\?error=oidc_unavailable$/);
  await expect(alert(page, /cannot be reached/)).toBeVisible();
  await page.context().close();
});

test("every sign-in attempt is in the audit log with method oidc", async () => {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT username, result, status, detail FROM audit_log WHERE action = 'auth.login' ORDER BY id")
      .all() as { username: string; result: string; status: number; detail: string }[];
    const oidc = rows
      .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }))
      .filter((r) => r.detail.method === "oidc");
    expect(oidc.map((r) => [r.username, r.result])).toEqual([
      ["olivia", "ok"],
      ["victor", "ok"],
      ["victor", "ok"],
      ["victor", "user_disabled"],
      ["", "oidc_state"],
      ["", "oidc_expired"],
      ["", "oidc_denied"],
      ["", "oidc_unavailable"],
    ]);
    expect(oidc[0].detail).toMatchObject({ role: "operator", created: true, subject: `${idp.issuer} olivia` });
    expect(oidc[1].detail).toMatchObject({ role: "viewer", created: true });
    expect(oidc[2].detail).toMatchObject({ role: "admin" });
    expect(oidc[2].detail.created).toBeUndefined();
    expect(oidc[6].detail).toMatchObject({ providerError: "access_denied" });
    expect(oidc.map((r) => r.status)).toEqual([303, 303, 303, 403, 400, 400, 401, 502]);
  } finally {
    db.close();
  }
});
