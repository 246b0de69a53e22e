// The command palette: keyboard-only navigation to a session by id prefix, label filters, console
// tabs, the other pages, and the shortcut list.
import { test, expect } from "./support/fixtures";
import { SLOW } from "./console-helpers";

test.describe("command palette", () => {
  test.setTimeout(90_000);

  test("a ⌘K pressed before the page's scripts have run still opens the palette", async ({ page }) => {
    // Hold every script until after the key press: the page is its server-rendered HTML only.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/_next/static/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/sessions", { waitUntil: "commit" });
    await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
    await page.keyboard.press("Control+K");
    release();
    await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible(SLOW);
    await expect(page.getByRole("dialog", { name: "Command palette" }).getByRole("combobox")).toBeFocused();
  });

  test("finds a session by id prefix, opens a console tab, applies a label filter", async ({
    page,
    newSession,
    tag,
  }) => {
    const s = await newSession({ palette: `p-${tag}` });
    await page.goto("/sessions");
    await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();

    await page.keyboard.press("Control+K");
    const dialog = page.getByRole("dialog", { name: "Command palette" });
    await expect(dialog).toBeVisible();
    const input = dialog.getByRole("combobox");
    await expect(input).toBeFocused();
    const prefix = s.sessionId.slice(0, 8);
    await input.fill(prefix);
    await expect(dialog.getByRole("option", { name: new RegExp(`Go to session ${s.sessionId}`) })).toBeVisible(SLOW);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/sessions/${s.sessionId}$`));
    await expect(page.getByTestId("console-panel")).toBeVisible(SLOW);

    // console tabs of the current session
    await page.keyboard.press("Control+K");
    await input.fill("metrics tab");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("console-panel").getByRole("tab", { name: "Metrics" })).toHaveAttribute(
      "aria-selected",
      "true",
    );

    // a label filter from the known labels
    await page.keyboard.press("Control+K");
    await input.fill(`palette:p-${tag}`);
    await expect(dialog.getByRole("option", { name: new RegExp(`Filter by palette:p-${tag}`) })).toBeVisible(SLOW);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/sessions\?label=palette%3Ap-/);
    await expect(page.getByRole("link", { name: s.sessionId }).or(page.getByText(s.sessionId)).first()).toBeVisible(
      SLOW,
    );

    // the other pages (the admin's: Audit and Users too), by name
    await page.keyboard.press("Control+K");
    await expect(dialog.getByRole("option", { name: "Account" })).toBeVisible();
    await input.fill("audit");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible(SLOW);

    // `?` lists the shortcuts; Escape closes
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("?");
    const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(shortcuts).toContainText("Ctrl+K");
    await page.keyboard.press("Escape");
    await expect(shortcuts).toBeHidden();
  });
});
