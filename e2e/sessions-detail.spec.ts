import { test, expect } from "./support/fixtures";
import { isStrict } from "./support/project";
import { SLOW, codeEditor, openConsole } from "./console-helpers";
import { deleteSession } from "./support/seed";

test.describe("session create and detail", () => {
  test("creates a session with labels from the dialog and opens it", async ({ page, tag }) => {
    await page.goto("/sessions");
    await page.getByTestId("create-session").click();
    const dialog = page.getByRole("dialog", { name: "New session" });
    await expect(dialog.getByTestId("create-image")).not.toBeEmpty();
    await dialog.getByRole("button", { name: "Add label" }).click();
    await dialog.getByLabel("Label 1 key").fill("e2e");
    await dialog.getByLabel("Label 1 value").fill(tag);
    await dialog.getByRole("button", { name: "Add label" }).click();
    await dialog.getByLabel("Label 2 key").fill("purpose");
    await dialog.getByLabel("Label 2 value").fill("create-test");
    await dialog.getByLabel("Idle timeout (seconds)").fill("5");
    await expect(dialog.getByText(/Between \d+ and \d+ seconds/)).toBeVisible();
    await dialog.getByLabel("Idle timeout (seconds)").fill("900");
    await dialog.getByRole("button", { name: "Create and open" }).click();

    await expect(page).toHaveURL(/\/sessions\/[^/?]+$/);
    await expect(page.getByRole("heading", { name: "Info" })).toBeVisible();
    await expect(page.getByLabel("Label 2 value")).toHaveValue("create-test");
    // AGB's getSession does not report the idle timeout; only the embedded runtime shows it.
    if (!isStrict()) await expect(page.getByText("900 s")).toBeVisible();

    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(page.getByTestId("session-row")).toHaveCount(1);
  });

  test("nothing in the New session dialog moves when its images arrive", async ({ page }) => {
    // Held until the dialog is measured, so the measure is taken while the images load.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/images", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/sessions");
    await page.getByTestId("create-session").click();
    const dialog = page.getByRole("dialog", { name: "New session" });
    const addLabel = dialog.getByRole("button", { name: "Add label" });
    await expect(addLabel).toBeVisible();
    await expect(dialog.getByTestId("create-image")).toHaveCount(0);
    const before = await addLabel.boundingBox();
    release();
    await expect(dialog.getByTestId("create-image")).not.toBeEmpty();
    // A click aimed at the button before the images came must still land on it.
    expect(await addLabel.boundingBox()).toEqual(before);
    await addLabel.click();
    await expect(dialog.getByLabel("Label 1 key")).toBeVisible();
  });

  test("label edit shows a validation error as you type, then saves", async ({ page, newSession }) => {
    const s = await newSession({ owner: "alice" });
    await page.goto(`/sessions/${s.sessionId}`);
    await expect(page.getByLabel("Label 2 value")).toHaveValue("alice");

    await page.getByRole("button", { name: "Add label" }).click();
    await page.getByLabel("Label 3 key").fill("owner");
    await expect(page.getByText('Duplicate key "owner"')).toBeVisible();
    await expect(page.getByTestId("save-labels")).toBeDisabled();
    await page.getByLabel("Label 3 key").fill("tier");
    await expect(page.getByText("Label value cannot be empty")).toBeVisible();
    await page.getByLabel("Label 3 value").fill("gold");
    await expect(page.getByText("Label value cannot be empty")).toHaveCount(0);
    await page.getByLabel("Label 2 value").fill("bob");
    await page.getByTestId("save-labels").click();
    await expect(page.getByText("Labels saved")).toBeVisible();

    await page.reload();
    await expect(page.getByLabel("Label 2 value")).toHaveValue("bob");
    await expect(page.getByLabel("Label 3 value")).toHaveValue("gold");
  });

  test("unsaved label changes are not lost silently when leaving", async ({ page, newSession }) => {
    const s = await newSession();
    await page.goto(`/sessions/${s.sessionId}`);
    await page.getByLabel("Label 1 value").fill("changed");
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay" }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${s.sessionId}$`));
    await expect(page.getByLabel("Label 1 value")).toHaveValue("changed");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Leave" }).click();
    await expect(page).toHaveURL(/\/sessions$/);
  });

  test("the browser's Back button asks before dropping unsaved label changes", async ({ page, newSession }) => {
    const s = await newSession();
    await page.goto("/sessions");
    await page.goto(`/sessions/${s.sessionId}`);
    await page.getByLabel("Label 1 value").fill("changed");
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await page.goBack();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay" }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${s.sessionId}$`));
    await expect(page.getByLabel("Label 1 value")).toHaveValue("changed");
    await page.goBack();
    await page.getByRole("alertdialog").getByRole("button", { name: "Leave" }).click();
    await expect(page).toHaveURL(/\/sessions$/);
  });

  test("keep alive pushes the idle release time later", async ({ page, newSession }) => {
    const s = await newSession({}, 120);
    await page.goto(`/sessions/${s.sessionId}`);
    if (isStrict()) {
      // AGB reports no release time, so there is no countdown to move; the reset itself works.
      await page.getByRole("button", { name: "Keep alive" }).click();
      await expect(page.getByText("Idle timer reset")).toBeVisible();
      return;
    }
    const countdown = page.getByTestId("idle-countdown").locator("time");
    const before = await countdown.getAttribute("datetime");
    expect(before).toBeTruthy();
    // Let the clock move on so a reset lands strictly later than the first release time.
    await page.waitForTimeout(1100);
    await page.getByRole("button", { name: "Keep alive" }).click();
    await expect(page.getByText("Idle timer reset")).toBeVisible();
    await expect
      .poll(async () => Date.parse((await countdown.getAttribute("datetime")) ?? ""))
      .toBeGreaterThan(Date.parse(before!));
  });

  test("deleting from the detail page asks first, then returns to the list", async ({ page, newSession }) => {
    const s = await newSession();
    await page.goto(`/sessions/${s.sessionId}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete this session?" });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Delete session" }).click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(page.getByText("Session deleted")).toBeVisible();
    await page.goto(`/sessions/${s.sessionId}`);
    await expect(page.getByRole("heading", { name: "Session not found or released" })).toBeVisible();
  });

  test("a released or unknown session shows a clear not-found page", async ({ page, newSession, request, origin }) => {
    const s = await newSession();
    await deleteSession(request, origin, s.sessionId);
    await page.goto(`/sessions/${s.sessionId}`);
    await expect(page.getByRole("heading", { name: "Session not found or released" })).toBeVisible();
    await expect(page.getByText(s.sessionId)).toBeVisible();
    await page.goto("/sessions/definitely-not-a-session");
    await expect(page.getByRole("heading", { name: "Session not found or released" })).toBeVisible();
  });

  test("a session deleted elsewhere: the first call that finds it gone shows the not-found page at once", async ({
    page,
    newSession,
    request,
    origin,
  }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Commands");
    await deleteSession(request, origin, s.sessionId); // another tab, another user, or the idle reaper
    await panel.getByRole("textbox").first().fill("echo hi");
    await panel.getByRole("textbox").first().press("Enter");
    // Well before the page's next poll of the session (15 s), which used to be the first to notice.
    await expect(page.getByRole("heading", { name: "Session not found or released" })).toBeVisible({ timeout: 5_000 });
  });

  test("code being written in a session that goes away is kept, shown on the not-found page to copy", async ({
    page,
    newSession,
    request,
    origin,
  }) => {
    const s = await newSession();
    await openConsole(page, s.sessionId, "Code");
    const editor = codeEditor(page);
    await expect(editor).toBeVisible(SLOW);
    const code = "rows = load_rows()\nprint(len(rows))";
    await editor.fill(code);
    await deleteSession(request, origin, s.sessionId);
    await editor.press("Control+Enter");
    await expect(page.getByRole("heading", { name: "Session not found or released" })).toBeVisible({ timeout: 5_000 });
    const kept = page.getByTestId("kept-draft");
    await expect(kept).toHaveCount(1);
    await expect(kept).toContainText("Python");
    await expect(kept.locator("pre")).toHaveText(code);
    await expect(kept.getByRole("button", { name: "Copy the Python code" })).toBeVisible();
  });

  test("the go-to box opens a pasted session id", async ({ page, newSession }) => {
    const s = await newSession();
    await page.goto("/sessions");
    await page.getByTestId("goto-session").fill(`  ${s.sessionId}  `);
    await page.getByTestId("goto-session").press("Enter");
    await expect(page).toHaveURL(new RegExp(`/sessions/${s.sessionId}$`));
    await expect(page.getByRole("heading", { name: "Info" })).toBeVisible();
  });
});
