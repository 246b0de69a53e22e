import { test, expect } from "./support/fixtures";
import { createSessions } from "./support/seed";
import { backend } from "./support/project";

const rows = (page: import("@playwright/test").Page) => page.getByTestId("session-row");

test.describe("sessions list", () => {
  test("filters by two labels, and the view survives a reload and a shared link", async ({
    page,
    newSession,
    tag,
    browser,
  }) => {
    await newSession({ env: `prod-${tag}`, team: `ml-${tag}` });
    await newSession({ env: `prod-${tag}`, team: `web-${tag}` });
    await newSession({ env: `dev-${tag}`, team: `ml-${tag}` });

    await page.goto("/sessions");
    const input = page.getByTestId("label-filter-input");
    await input.fill(`env=prod-${tag}`);
    await input.press("Enter");
    await expect(rows(page)).toHaveCount(2);
    await input.fill(`team=ml-${tag}`);
    await input.press("Enter");
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 1–1 of 1 session/);
    await expect(page).toHaveURL(new RegExp(`label=env%3Aprod-${tag}&label=team%3Aml-${tag}`));

    await page.reload();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByRole("group", { name: "Active label filters" }).getByText(`team=ml-${tag}`)).toBeVisible();

    // The same link in a fresh tab of a new browser context shows the same view.
    const shared = page.url();
    const ctx = await browser.newContext({ storageState: backend().authFile });
    const other = await ctx.newPage();
    await other.goto(shared);
    await expect(other.getByTestId("session-row")).toHaveCount(1);
    await ctx.close();

    // Removing one filter chip widens the result again; back restores it.
    await page.getByRole("button", { name: `Remove filter team=ml-${tag}` }).click();
    await expect(rows(page)).toHaveCount(2);
    await page.goBack();
    await expect(rows(page)).toHaveCount(1);
  });

  test("clicking a label chip in a row adds it to the filter", async ({ page, newSession, tag }) => {
    await newSession({ color: `red-${tag}` });
    await newSession({ color: `blue-${tag}` });
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole("button", { name: `Filter by color=blue-${tag}` }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(page).toHaveURL(new RegExp(`label=color%3Ablue-${tag}`));
    await expect(page.getByRole("button", { name: `Remove filter color=blue-${tag}` })).toBeVisible();
  });

  test("suggests known label keys and values as you type", async ({ page, newSession, tag }) => {
    await newSession({ [`zone-${tag}`]: "north" });
    await page.goto("/sessions");
    const input = page.getByTestId("label-filter-input");
    await input.fill(`zone-${tag}`);
    await page.getByRole("option", { name: new RegExp(`zone-${tag}=`) }).click();
    await expect(input).toHaveValue(`zone-${tag}=`);
    await page.getByRole("option", { name: `zone-${tag}=north` }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByRole("button", { name: `Remove filter zone-${tag}=north` })).toBeVisible();
  });

  test("pages through with first/previous/next/last and page size", async ({ page, request, origin, tag }) => {
    await createSessions(request, origin, 12, (i) => ({ e2e: tag, n: String(i) }));
    await page.goto(`/sessions?label=e2e:${tag}&size=10`);
    await expect(rows(page)).toHaveCount(10);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 1–10 of 12 sessions/);

    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 11–12 of 12/);
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 2 of 2");

    await page.getByRole("link", { name: "First page" }).click();
    await expect(rows(page)).toHaveCount(10);
    // Keyboard: the last-page link is reachable and activates with Enter.
    await page.getByRole("link", { name: "Last page" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 2 of 2");
    await page.goBack();
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 1 of 2");

    await page.getByLabel("Rows per page").selectOption("25");
    await expect(page).toHaveURL(/size=25/);
    await expect(rows(page)).toHaveCount(12);
  });

  test("a malformed link is ignored with a notice, not an error", async ({ page, tag }) => {
    await page.goto(`/sessions?page=abc&size=7&label=nonsense&label=e2e:${tag}`);
    await expect(page.getByTestId("url-notice")).toContainText('Ignored page "abc"');
    await expect(page.getByTestId("url-notice")).toContainText('Ignored page size "7"');
    await expect(page.getByTestId("url-notice")).toContainText('label filter "nonsense"');
    await expect(page).toHaveURL(new RegExp(`/sessions\\?label=e2e%3A${tag}$`));
    await expect(page.getByRole("heading", { name: "No session matches these labels" })).toBeVisible();
  });

  test("bulk delete across pages with select-all-matching", async ({ page, request, origin, tag }) => {
    await createSessions(request, origin, 12, (i) => ({ e2e: tag, n: String(i) }));
    await page.goto(`/sessions?label=e2e:${tag}&size=10`);
    await expect(rows(page)).toHaveCount(10);
    await page.getByRole("checkbox", { name: "Select all sessions on this page" }).click();
    await expect(page.getByTestId("selection-bar")).toContainText("10 selected");
    await page.getByRole("button", { name: "Select all 12 matching" }).click();
    await expect(page.getByTestId("selection-bar")).toContainText("All 12 matching sessions selected");
    await page.getByTestId("selection-bar").getByRole("button", { name: "Delete" }).click();

    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("heading", { name: "Delete 12 sessions?" })).toBeVisible();
    await dialog.getByRole("button", { name: "Delete 12 sessions" }).click();
    await expect(dialog.getByTestId("bulk-status")).toHaveText("Done: 12 succeeded, 0 failed.");
    await expect(page.getByText("Deleted 12 sessions")).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { name: "No session matches these labels" })).toBeVisible();
  });

  test("bulk label edit sets a label on the selected sessions", async ({ page, request, origin, tag }) => {
    await createSessions(request, origin, 2, (i) => ({ e2e: tag, n: String(i) }));
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(rows(page)).toHaveCount(2);
    await page.getByRole("checkbox", { name: "Select all sessions on this page" }).click();
    await page.getByRole("button", { name: "Edit labels" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Label 1 key").fill("stage");
    await dialog.getByLabel("Label 1 value").fill(`qa-${tag}`);
    await dialog.getByLabel("Remove keys (comma separated)").fill("n");
    await dialog.getByRole("button", { name: "Apply to 2 sessions" }).click();
    await expect(dialog.getByTestId("bulk-status")).toHaveText("Done: 2 succeeded, 0 failed.");
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.goto(`/sessions?label=stage:qa-${tag}`);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByRole("button", { name: /Filter by n=/ })).toHaveCount(0);
  });

  test("a session page seen before a bulk label edit shows the new labels when opened again", async ({
    page,
    newSession,
  }) => {
    const s = await newSession({ owner: "alice" });
    await page.goto(`/sessions/${s.sessionId}`);
    await expect(page.getByLabel("Label 2 value")).toHaveValue("alice");

    // To the list and back without a page load: the session page's answer is still cached.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await page.getByRole("checkbox", { name: `Select session ${s.sessionId}` }).click();
    await page.getByRole("button", { name: "Edit labels" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Label 1 key").fill("owner");
    await dialog.getByLabel("Label 1 value").fill("bob");
    await dialog.getByRole("button", { name: "Apply to 1 session" }).click();
    await expect(dialog.getByTestId("bulk-status")).toHaveText("Done: 1 succeeded, 0 failed.");
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.getByRole("link", { name: s.sessionId, exact: true }).click();
    await expect(page.getByLabel("Label 2 value")).toHaveValue("bob");
  });
});
