// The audit log as an admin sees it: a code run in a session's console appears on the Audit page
// with its code text, the session and action filters narrow it, the CSV export (with the current
// filters) contains it, and the session page's History lists it. The e2e login is the admin.
// AUDIT_SCREENSHOTS=1 also writes screenshots/audit-*.png (with data, empty, a session's History).
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { isStrict } from "./support/project";
import { SLOW, expectFinished, openConsole, runCode } from "./console-helpers";

const shot = (name: string) => {
  fs.mkdirSync("screenshots", { recursive: true });
  return `screenshots/audit-${name}${isStrict() ? "-strict" : ""}.png`;
};

test.describe("audit log", () => {
  test.setTimeout(180_000);

  test("a session's History shows the user's own command, code run and label save as they happen", async ({
    page,
    newSession,
  }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Commands");
    const history = page.getByRole("region", { name: "History" });
    const row = (action: string) => history.locator(`[data-testid="audit-row"][data-action="${action}"]`);
    // Its first read is in: the next timed refresh is 15 s away, longer than any wait below.
    await expect(row("session.create")).toHaveCount(1);
    const soon = { timeout: 5_000 };

    const command = panel.getByRole("textbox", { name: "Command", exact: true });
    await command.fill("exit 3");
    await command.press("Enter");
    await expect(panel.getByTestId("command-result").first().getByTestId("command-status")).toHaveText(
      "Failed · exit 3",
      SLOW,
    );
    await expect(row("command.run")).toHaveCount(1, soon);
    // The request succeeded (ok 200), the command did not: the row says how it ended.
    await expect(row("command.run").getByTestId("audit-run-outcome")).toHaveText("exit 3");

    await panel.getByRole("tab", { name: "Code" }).click();
    await expectFinished(await runCode(page, "print(6 * 7)"));
    await expect(row("code.run")).toHaveCount(1, soon);
    await expect(row("code.run").getByTestId("audit-run-outcome")).toHaveCount(0);

    await page.getByRole("button", { name: "Add label" }).click();
    await page.getByLabel("Label 2 key").fill("step");
    await page.getByLabel("Label 2 value").fill("saved");
    await page.getByTestId("save-labels").click();
    await expect(row("labels.replace")).toHaveCount(1, soon);
  });

  test("a console code run shows on the Audit page with its code, filters and the CSV export find it, History lists it", async ({
    page,
    newSession,
    tag,
  }) => {
    const s = await newSession();
    const marker = `audit_${tag.replace(/\W/g, "_")}`;
    const code = `${marker} = 6 * 7\nprint(${marker})`;

    await openConsole(page, s.sessionId);
    await expectFinished(await runCode(page, code));

    // The session page's own history: the create and the run, who did it, the result.
    const history = page.getByRole("region", { name: "History" });
    await history.getByRole("button", { name: "Refresh" }).click();
    const run = history.locator('[data-testid="audit-row"][data-action="code.run"]');
    await expect(run).toHaveCount(1);
    await expect(run.getByTestId("audit-code")).toHaveText(code);
    await expect(run).toContainText("admin");
    await expect(run).toContainText("ok");
    await expect(history.locator('[data-testid="audit-row"][data-action="session.create"]')).toHaveCount(1);
    if (process.env.AUDIT_SCREENSHOTS) await history.screenshot({ path: shot("session-history") });

    // The Audit page, unfiltered: the run is among the newest entries, its code readable.
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page.getByTestId("audit-code").filter({ hasText: marker })).toHaveText(code);
    if (process.env.AUDIT_SCREENSHOTS) await page.screenshot({ path: shot("data"), fullPage: true });

    // Filter by session: only this session's entries (its create and the run).
    const rows = page.getByTestId("audit-row");
    await page.getByLabel("Session", { exact: true }).fill(s.sessionId);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`session=${s.sessionId}`));
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute("data-action", "code.run");
    await expect(rows.nth(1)).toHaveAttribute("data-action", "session.create");

    // ... and by action.
    await page.getByLabel("Action", { exact: true }).selectOption("session.create");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-action", "session.create");
    await page.getByLabel("Action", { exact: true }).selectOption("code.run");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId("audit-code")).toHaveText(code);

    // The CSV export carries the current filters: a header and the one run, its code intact.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,username,ip,sessionId,action,result,status,requestId,detail");
    expect(csv).toContain(s.sessionId);
    expect(csv).toContain(`${marker} = 6 * 7`);
    expect(csv).not.toContain("session.create");

    // A filter nothing matches says so.
    await page.getByLabel("User", { exact: true }).fill(`nobody-${tag}`);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();
    if (process.env.AUDIT_SCREENSHOTS) await page.screenshot({ path: shot("empty"), fullPage: true });
  });
});
