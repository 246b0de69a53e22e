// Users and roles end to end: an admin invites a viewer and an operator from the Users page (the
// link accepted in a fresh browser), the viewer's pages offer no change and the API refuses one
// (403), the operator runs code, and disabling a user sends their open page to the login form.
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { SLOW, expectFinished, openConsole, runCode } from "./console-helpers";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const PASSWORD = "role-e2e-password";

/** Invites `name` from the Users page (as the admin `page`) and accepts it in a fresh browser context. */
async function invite(
  page: Page,
  browser: Browser,
  origin: string,
  name: string,
  role: "viewer" | "operator",
): Promise<{ ctx: BrowserContext; page: Page }> {
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByTestId("secret-once");
  await expect(link).toContainText("/invite/");
  const url = (await link.textContent())!.trim();
  expect(new URL(url).origin).toBe(origin);

  const ctx = await browser.newContext({ baseURL: origin, storageState: { cookies: [], origins: [] } });
  const p = await ctx.newPage();
  await p.goto(url);
  await expect(p.getByText(`You are invited as ${name}`)).toBeVisible();
  await p.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await p.getByLabel("Password again").fill(PASSWORD);
  await p.getByRole("button", { name: "Create account and log in" }).click();
  await expect(p.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  await expect(p.getByTestId("header-user")).toHaveText(name);
  await expect(p.getByTestId("header-role")).toHaveText(role);
  // The link worked once.
  const again = await ctx.newPage();
  await again.goto(url);
  await expect(again.getByText("This invite link is unknown, used or expired")).toBeVisible();
  await again.close();
  return { ctx, page: p };
}

async function shot(page: Page, name: string) {
  const file = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  fs.mkdirSync("screenshots", { recursive: true });
  fs.copyFileSync(file, `screenshots/roles-${test.info().project.name}-${name}.png`);
}

test("viewer sees but cannot change; operator runs code; disabling ends an open page", async ({
  page,
  newSession,
  browser,
  request,
  origin,
  tag,
}) => {
  const suffix = tag.slice(-5);
  const viewerName = `viewer-${suffix}`;
  const operatorName = `operator-${suffix}`;
  const s = await newSession({ team: "roles" });
  const wrote = await request.put(`/api/sessions/${s.sessionId}/files/content`, {
    headers: { origin },
    data: { path: "/home/user/notes.txt", content: "for the viewer\n" },
  });
  expect(wrote.status(), await wrote.text()).toBe(200);

  const viewer = await invite(page, browser, origin, viewerName, "viewer");
  const operator = await invite(page, browser, origin, operatorName, "operator");
  await page.goto("/users");
  await expect(page.getByTestId(`user-row-${viewerName}`)).toContainText("Active");
  await expect(page.getByTestId(`user-row-${operatorName}`)).toBeVisible();
  // A third invite, left pending, so the screenshot shows the link as the admin sees it once.
  await page.getByLabel("User name").fill(`pending-${suffix}`);
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByTestId("secret-once")).toContainText("/invite/");
  await shot(page, "users-page");

  // The viewer: the list and a session page show everything and offer no change.
  const v = viewer.page;
  await v.goto(`/sessions?label=e2e:${tag}`);
  await expect(v.getByTestId("session-row")).toHaveCount(1);
  await expect(v.getByTestId("create-session")).toHaveCount(0);
  await expect(v.getByRole("checkbox")).toHaveCount(0);
  await expect(v.getByRole("link", { name: "Users" })).toHaveCount(0);
  // nor does the palette offer the admin's pages, nor creating a session
  await v.keyboard.press("Control+K");
  const palette = v.getByRole("dialog", { name: "Command palette" });
  await expect(palette.getByRole("option", { name: "Account" })).toBeVisible(SLOW);
  for (const name of ["Users", "Audit", "Create a session"])
    await expect(palette.getByRole("option", { name })).toHaveCount(0);
  await v.keyboard.press("Escape");
  await v.goto(`/sessions/${s.sessionId}`);
  await expect(v.getByRole("heading", { name: "Labels" })).toBeVisible();
  await expect(v.getByText("team=roles")).toBeVisible();
  for (const name of [/^Delete/, /Keep alive/, /Save labels/, /^Run/])
    await expect(v.getByRole("button", { name })).toHaveCount(0);
  await expect(v.getByTestId("console-panel").getByTestId("role-notice").first()).toContainText(
    "Your role (viewer) can look but not run code",
  );
  await v.getByTestId("console-panel").getByRole("tab", { name: "Files" }).click();
  await expect(v.locator('[data-testid="file-row"][data-path="/home/user/notes.txt"]')).toBeVisible(SLOW);
  for (const name of ["Upload files", "New folder", "New file"])
    await expect(v.getByRole("button", { name })).toHaveCount(0);
  await expect(v.getByRole("button", { name: /^(Delete|Rename or move) / })).toHaveCount(0);
  await expect(v.getByRole("link", { name: "Download notes.txt" })).toBeVisible();
  // Opening a file shows it read-only, without Save.
  await v.getByRole("button", { name: "notes.txt" }).click();
  await expect(v.getByTestId("file-viewer")).toHaveAttribute("data-mode", "read");
  await expect(v.getByTestId("file-viewer")).toContainText("for the viewer");
  await expect(v.getByRole("button", { name: "Save" })).toHaveCount(0);
  // Pages above the role are refused by the server, not only hidden.
  await v.goto("/users");
  await expect(v.getByText("Your role (viewer) cannot see this page: it needs admin")).toBeVisible();
  await v.goto("/account");
  await expect(v.getByText("This browser", { exact: true })).toBeVisible();
  await shot(v, "account-page");

  // …and the API refuses what the UI does not offer, with the viewer's cookie.
  const headers = { origin };
  const refused = [
    await viewer.ctx.request.delete(`/api/sessions/${s.sessionId}`, { headers }),
    await viewer.ctx.request.post(`/api/sessions/${s.sessionId}/code`, {
      headers,
      data: { language: "python", code: "print('nope')" },
    }),
    await viewer.ctx.request.put(`/api/sessions/${s.sessionId}/labels`, { headers, data: { labels: { x: "y" } } }),
  ];
  for (const res of refused) {
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  }

  // The operator runs code.
  const o = operator.page;
  await openConsole(o, s.sessionId);
  const cell = await runCode(o, "print(6 * 7)");
  await expectFinished(cell);
  await expect(cell.locator('[data-stream="stdout"]')).toHaveText("42\n");

  // The audit log (the admin's API) has the operator's run with its code, and the viewer's refusal.
  const audit = async (user: string) => {
    const q = new URLSearchParams({ user, action: "code.run", session: s.sessionId });
    const res = await request.get(`/api/audit?${q}`);
    expect(res.status()).toBe(200);
    const { entries } = (await res.json()) as {
      entries: { result: string; status: number; detail: { code?: unknown } }[];
    };
    return entries.map((e) => [e.result, e.status, e.detail.code ?? null]);
  };
  await expect
    .poll(async () =>
      (await audit(operatorName)).some(([result, , code]) => result === "ok" && code === "print(6 * 7)"),
    )
    .toBe(true);
  // A refused call's body is never read (the role is checked first), so no code text there.
  expect(await audit(viewerName)).toEqual([["forbidden", 403, null]]);

  // The admin disables the operator: their open list page lands on the login form at its next
  // request (the list polls), without them doing anything.
  await o.goto(`/sessions?label=e2e:${tag}`);
  await expect(o.getByTestId("session-row")).toHaveCount(1);
  await page.goto("/users");
  await page.getByTestId(`user-row-${operatorName}`).getByRole("button", { name: "Disable" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId(`user-row-${operatorName}`)).toContainText("Disabled");
  await expect(o).toHaveURL(/\/login/, { timeout: 30_000 });
  // The viewer's next navigation still works: only the disabled user was logged out.
  await v.goto("/sessions");
  await expect(v.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  // Disabled too, the viewer's next navigation lands on the login form.
  await page.getByTestId(`user-row-${viewerName}`).getByRole("button", { name: "Disable" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId(`user-row-${viewerName}`)).toContainText("Disabled");
  await v.getByRole("link", { name: "Sessions" }).click();
  await expect(v).toHaveURL(/\/login/);
  await expect(v.getByLabel("User name")).toBeVisible();

  await viewer.ctx.close();
  await operator.ctx.close();
});

test("an admin sees a pending invite and revokes it: its link stops working", async ({
  page,
  browser,
  origin,
  tag,
}) => {
  const name = `revoked-${tag.slice(-5)}`;
  await page.goto("/users");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption("operator");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const url = (await page.getByTestId("secret-once").textContent())!.match(/http\S+\/invite\/[\w-]+/)![0];

  const row = page.getByTestId(`invite-row-${name}`);
  await expect(row).toContainText("operator");
  await expect(row).toContainText("admin");
  await row.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Revoke the invite for ${name}?` });
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(`The invite for ${name} is revoked`).first()).toBeVisible();
  await expect(row).toHaveCount(0);
  // The link shown once above goes too: it no longer works.
  await expect(page.getByTestId("secret-once")).toHaveCount(0);
  await expect(page.getByText("the link shown here no longer works")).toBeVisible();

  const ctx = await browser.newContext({ baseURL: origin, storageState: { cookies: [], origins: [] } });
  const p = await ctx.newPage();
  await p.goto(url);
  await expect(p.getByText("This invite link is unknown, used or expired")).toBeVisible();
  await ctx.close();

  await page.goto(`/audit?action=user.revoke_invite`);
  await expect(page.getByTestId("audit-row").filter({ hasText: name })).toHaveCount(1);
});
