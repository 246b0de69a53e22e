// Security properties of the built app, end to end: neither the runtime's API key nor the cookie
// secret appears in anything the browser can load (static bundle, pages, API answers); API routes
// refuse unauthenticated and cross-origin calls; pages redirect to /login; headers are set.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { backend } from "./support/project";

const distDir = process.env.NEXT_DIST_DIR || ".next";
/** The backend's API key and the cookie secret (from the env when set there, else its file: never skipped). */
const secrets = () => {
  const b = backend();
  const secret =
    process.env.DASHBOARD_SESSION_SECRET ??
    fs.readFileSync(path.join(b.dataDir, "dashboard", "session-secret"), "utf8").trim();
  const list = [b.apiKey(), secret];
  for (const s of list) expect(s.length).toBeGreaterThanOrEqual(16);
  return list;
};

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test("no secret is in any file under .next/static", () => {
  const keys = secrets();
  const files = filesUnder(path.join(distDir, "static"));
  expect(files.length).toBeGreaterThan(5);
  for (const f of files) {
    const text = fs.readFileSync(f, "latin1");
    for (const k of keys) expect(text.includes(k), `${f} contains a secret`).toBe(false);
  }
});

test("no secret is in pages or API answers, including errors", async ({ request, baseURL }) => {
  const keys = secrets();
  const origin = baseURL!;
  const bodies: string[] = [];
  const grab = async (p: Promise<{ text(): Promise<string>; headers(): Record<string, string>; status(): number }>) => {
    const r = await p;
    bodies.push(await r.text(), JSON.stringify(r.headers()));
    return r;
  };
  const created = await grab(
    request.post("/api/sessions", {
      data: { imageId: "agb-code-space-1", labels: { e2e: "security" } },
      headers: { origin },
    }),
  );
  expect(created.status()).toBe(201);
  const id = (JSON.parse(bodies[bodies.length - 2]) as { sessionId: string }).sessionId;
  for (const p of [
    "/",
    "/sessions",
    `/sessions/${id}`,
    "/login",
    "/api/health",
    "/api/images",
    "/api/sessions",
    "/api/sessions/ids",
    "/api/labels/known",
    `/api/sessions/${id}`,
    `/api/sessions/${id}/info`,
    `/api/sessions/${id}/labels`,
    `/api/sessions/${id}/metrics`,
    `/api/sessions/${id}/files?path=/tmp`,
    "/api/sessions/s-unknown",
    "/api/sessions?size=999",
  ])
    await grab(request.get(p));
  await grab(request.post(`/api/sessions/${id}/command`, { data: { command: "env; echo done" }, headers: { origin } }));
  await grab(
    request.post(`/api/sessions/${id}/code`, {
      data: { language: "python", code: "import os; print(dict(os.environ))" },
      headers: { origin },
    }),
  );
  await grab(
    request.post(`/api/sessions/${id}/code/stream`, {
      data: { language: "python", code: "print(1)" },
      headers: { origin },
    }),
  );
  await grab(request.delete(`/api/sessions/${id}`, { headers: { origin } }));
  expect(bodies.length).toBeGreaterThan(30);
  for (const b of bodies) for (const k of keys) expect(b.includes(k)).toBe(false);
});

test("API routes refuse calls without a session and cross-origin mutations", async ({
  playwright,
  baseURL,
  request,
}) => {
  const anon = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  for (const p of ["/api/sessions", "/api/images", "/api/labels/known", "/api/sessions/s-1"])
    expect((await anon.get(p)).status()).toBe(401);
  expect(
    (
      await anon.post("/api/sessions", { data: { imageId: "agb-code-space-1" }, headers: { origin: baseURL! } })
    ).status(),
  ).toBe(401);
  expect((await anon.get("/api/health")).status()).toBe(200);
  await anon.dispose();
  expect(
    (
      await request.post("/api/sessions", {
        data: { imageId: "agb-code-space-1" },
        headers: { origin: "http://evil.example" },
      })
    ).status(),
  ).toBe(403);
  expect((await request.post("/api/sessions", { data: { imageId: "agb-code-space-1" } })).status()).toBe(403);
});

test("pages redirect to /login with the way back, and send the security headers", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  const res = await page.goto("/sessions?label=env:prod");
  await expect(page).toHaveURL(/\/login\?next=/);
  const next = new URL(page.url()).searchParams.get("next")!;
  const back = new URL(next, baseURL);
  expect(back.pathname).toBe("/sessions");
  expect(back.searchParams.get("label")).toBe("env:prod");
  const h = res!.headers();
  expect(h["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(h["content-security-policy"]).not.toMatch(/unsafe-eval/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  await ctx.close();
  // An off-site `next` is ignored after login.
  const ctx2 = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const p2 = await ctx2.newPage();
  await p2.goto(`${baseURL}/login?next=//evil.example/x`);
  await p2.getByLabel(/user name/i).fill("admin");
  await p2.getByLabel(/password/i).fill(E2E.password);
  await p2.getByRole("button", { name: /log in/i }).click();
  // The login page itself is on this host too: wait until the login has gone through.
  await expect(p2).not.toHaveURL(/\/login/);
  await expect(p2).toHaveURL(new RegExp(`^${baseURL}/`));
  expect(new URL(p2.url()).host).toBe(new URL(baseURL!).host);
  const cookie = (await ctx2.cookies()).find((c) => c.name === "agb_dashboard_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await ctx2.close();
});
