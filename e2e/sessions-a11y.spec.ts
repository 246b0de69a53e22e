import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";

async function seriousViolations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} → ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`accessibility (${theme})`, () => {
    test.use({ colorScheme: theme });

    test("sessions list, create dialog and detail page have no serious axe violations", async ({
      page,
      newSession,
      tag,
    }) => {
      const long = "x".repeat(200);
      const s = await newSession({
        env: "prod",
        [`long-${"k".repeat(60)}`]: long,
        a: "1",
        b: "2",
      });
      await page.goto(`/sessions?label=e2e:${tag}`);
      await expect(page.getByTestId("session-row")).toHaveCount(1);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByTestId("create-session").click();
      await expect(page.getByRole("dialog", { name: "New session" })).toBeVisible();
      await expect(page.getByTestId("create-image")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");

      await page.goto(`/sessions/${s.sessionId}`);
      await expect(page.getByRole("heading", { name: "Info" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("empty state has no serious axe violations", async ({ page, tag }) => {
      await page.goto(`/sessions?label=e2e:${tag}`);
      await expect(page.getByRole("heading", { name: "No session matches these labels" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
