// The Terminal tab: a real shell on a PTY in the session's sandbox, relayed by the dashboard.
import { test, expect } from "./support/fixtures";
import type { Locator, Page } from "@playwright/test";
import WebSocket from "ws";
import { E2E } from "../playwright.config";
import { SLOW } from "./console-helpers";

/** The text on the active terminal's screen (xterm's DOM renderer draws one div per row). */
const screen = (page: Page): Locator =>
  page.locator(
    '[data-testid="terminal-tab"] > [role="tabpanel"]:not([hidden]) [data-testid="terminal-screen"] .xterm-rows',
  );

async function openTerminal(page: Page, sessionId: string) {
  await page.goto(`/sessions/${encodeURIComponent(sessionId)}`);
  const panel = page.getByTestId("console-panel");
  await panel.getByRole("tab", { name: "Terminal", exact: true }).click();
  await expect(screen(page)).toContainText("$", SLOW);
  await page
    .locator('[data-testid="terminal-tab"] > [role="tabpanel"]:not([hidden]) [data-testid="terminal-screen"] textarea')
    .focus();
  return panel;
}

/** Types a line as keystrokes (each key goes through the relay) and presses Enter. */
async function typeLine(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

test.describe("terminal", () => {
  test.setTimeout(120_000);
  test.beforeEach(() =>
    test.skip(test.info().project.name === "strict", "the strict runtime has no terminal (see the test below)"),
  );

  test("python3 REPL, Ctrl+C, resize follows the panel, reload reattaches with earlier output", async ({
    page,
    newSession,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const s = await newSession();
    await openTerminal(page, s.sessionId);

    // Interactive python: type 1+1, see 2
    await typeLine(page, "python3 -q");
    await expect(screen(page)).toContainText(">>>", SLOW);
    await typeLine(page, "1+1");
    await expect(screen(page)).toContainText(/>>> 1\+1\s*2\s*>>>/);
    await page.keyboard.press("Control+D");
    await typeLine(page, "echo back-$((40+2))");
    await expect(screen(page)).toContainText("back-42");

    // Ctrl+C stops a long sleep: the prompt comes back at once and the echo after it never runs
    await typeLine(page, "sleep 100; echo slept-$((1+1))");
    await page.waitForTimeout(500);
    await page.keyboard.press("Control+C");
    await expect(screen(page)).toContainText("^C");
    await typeLine(page, "echo status=$?");
    await expect(screen(page)).toContainText("status=130");
    await expect(screen(page)).not.toContainText("slept-2");

    // Resize: tput cols follows the width of the panel
    const cols = async () => Number(/cols=(\d+)\D*$/.exec((await screen(page).textContent()) ?? "")?.[1] ?? NaN);
    await typeLine(page, "clear; echo cols=$(tput cols)");
    await expect.poll(cols).toBeGreaterThan(20);
    const wide = await cols();
    await page.setViewportSize({ width: 800, height: 900 });
    await page.waitForTimeout(400);
    await typeLine(page, "clear; echo cols=$(tput cols)");
    await expect.poll(cols).toBeLessThan(wide);

    // Reload: the same terminal comes back with what it showed before
    await typeLine(page, "echo marker-$((6*7))-before-reload");
    await expect(screen(page)).toContainText("marker-42-before-reload");
    await page.reload();
    await page.getByTestId("console-panel").getByRole("tab", { name: "Terminal", exact: true }).click();
    await expect(screen(page)).toContainText("marker-42-before-reload", SLOW);
    await expect(page.getByRole("tab", { name: /^Terminal \d/ })).toHaveCount(1);

    // A second terminal is a second tab; exiting its shell says so
    await page.getByRole("button", { name: "New terminal" }).click();
    await expect(page.getByRole("tab", { name: /^Terminal \d/ })).toHaveCount(2);
    await expect(screen(page)).toContainText("$", SLOW);
    await page
      .locator(
        '[data-testid="terminal-tab"] > [role="tabpanel"]:not([hidden]) [data-testid="terminal-screen"] textarea',
      )
      .focus();
    await typeLine(page, "exit 3");
    await expect(
      page.getByRole("status").filter({ hasText: "Terminal ended: the shell exited with code 3" }),
    ).toBeVisible();
  });

  test("the terminal socket refuses anonymous and cross-site upgrades, and relays for its user", async ({
    newSession,
    browser,
    request,
    origin,
  }) => {
    const s = await newSession();
    const base = `${origin}/api/sessions/${encodeURIComponent(s.sessionId)}/terminals`;
    const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      expect((await anon.request.get(base)).status()).toBe(401);
      expect((await anon.request.post(base, { data: { cols: 80, rows: 24 }, headers: { origin } })).status()).toBe(401);
    } finally {
      await anon.close();
    }
    const opened = await request.post(base, { data: { cols: 80, rows: 24 }, headers: { origin } });
    expect(opened.status()).toBe(200);
    const { terminalId } = (await opened.json()) as { terminalId: string };
    const url = `${base.replace(/^http/, "ws")}/${terminalId}/socket`;
    const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");

    // No login: refused before any WebSocket exists
    expect(await upgradeStatus(url, { origin })).toBe(401);
    // A forged cookie is not a login either
    expect(await upgradeStatus(url, { origin, cookie: "agb_dashboard_session=forged.token" })).toBe(401);
    // A cookie whose signature is good but whose login has ended (logged out) is refused too
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const login = await other.request.post(`${origin}/api/auth/login`, {
        data: { username: "admin", password: E2E.password },
        headers: { origin },
      });
      expect(login.ok()).toBe(true);
      const ended = (await other.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      expect(await upgradeStatus(url, { origin, cookie: ended })).toBe(0);
      expect((await other.request.post(`${origin}/api/auth/logout`, { headers: { origin } })).ok()).toBe(true);
      expect(await upgradeStatus(url, { origin, cookie: ended })).toBe(401);
    } finally {
      await other.close();
    }
    // Logged in, but opened by another site's page (cross-site WebSocket hijacking)
    expect(await upgradeStatus(url, { origin: "https://evil.example", cookie })).toBe(403);
    expect(await upgradeStatus(url, { cookie })).toBe(403);

    // Its own page: output comes back for what is typed, and a malformed frame is answered, not obeyed
    const ws = new WebSocket(url, { headers: { origin, cookie } });
    let out = "";
    const errors: string[] = [];
    ws.on("message", (data, isBinary) => {
      if (isBinary) out += (data as Buffer).toString("utf8");
      else errors.push(String(data));
    });
    await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
    ws.send(JSON.stringify({ type: "input", data: "echo relayed-$((20+1))\r" }));
    ws.send(JSON.stringify({ type: "resize", cols: 0, rows: 24 }));
    await expect.poll(() => out, SLOW).toContain("relayed-21");
    await expect.poll(() => errors.join("\n")).toMatch(/"type":"error".*cols/);
    ws.close();
  });
});

/** The HTTP status that refuses a WebSocket upgrade (0 if it was accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? -1);
      res.resume();
    });
    ws.once("open", () => {
      ws.close();
      resolve(0);
    });
    ws.once("error", (e) => (e.message.includes("Unexpected server response") ? undefined : reject(e)));
  });
}

test.describe("terminal on a backend without it", () => {
  test.beforeEach(() =>
    test.skip(test.info().project.name !== "strict", "only the strict runtime lacks the terminal extension"),
  );
  test("explains that AGB offers no terminal and points to the Commands tab", async ({ page, newSession }) => {
    const s = await newSession();
    await page.goto(`/sessions/${encodeURIComponent(s.sessionId)}`);
    const panel = page.getByTestId("console-panel");
    await panel.getByRole("tab", { name: "Terminal", exact: true }).click();
    await expect(panel.getByText("AGB offers no terminal")).toBeVisible(SLOW);
    await panel.getByRole("button", { name: "Open the Commands tab" }).click();
    await expect(panel.getByRole("textbox", { name: "Command", exact: true })).toBeVisible();
  });
});
