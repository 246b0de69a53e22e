// Metrics over time: the runtime's 5 s samples drawn as charts with their limits; a CPU burner
// shows up while it runs.
import { test, expect } from "./support/fixtures";
import { SLOW } from "./console-helpers";

test.describe("metrics charts", () => {
  test.setTimeout(120_000);

  test("a CPU spike is visible while `yes > /dev/null` runs; range picker and limits", async ({
    page,
    newSession,
    runCommand,
  }) => {
    const s = await newSession();
    await page.goto(`/sessions/${encodeURIComponent(s.sessionId)}`);
    const panel = page.getByTestId("console-panel");
    await panel.getByRole("tab", { name: "Metrics" }).click(SLOW);
    const cpu = panel.getByTestId("chart-cpu");
    await expect(cpu).toBeVisible(SLOW);
    await expect(panel.getByTestId("chart-mem")).toContainText(/limit \d/);
    await expect(panel.getByTestId("chart-disk")).toContainText(/limit \d/);

    // Idle first: a fresh session may still be warming its kernel, so wait until it has settled.
    await expect.poll(async () => Number(await cpu.getAttribute("data-samples")), SLOW).toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await cpu.getAttribute("data-last-value")), { timeout: 40_000 })
      .toBeLessThan(5);
    const burn = runCommand(s.sessionId, "timeout 25 sh -c 'yes > /dev/null'; true", 40_000);
    // One busy process: a clear rise over idle (how much depends on how loaded the host is).
    await expect
      .poll(async () => Number(await cpu.getAttribute("data-last-value")), { timeout: 40_000 })
      .toBeGreaterThan(10);
    await expect(cpu.getByRole("img")).toHaveAccessibleName(/CPU over time; latest \d+(\.\d)?%/);
    expect((await burn).status()).toBe(200);

    // range picker
    const five = panel.getByRole("radio", { name: "5 min", exact: true });
    await five.click();
    await expect(five).toHaveAttribute("aria-checked", "true");
    await expect(panel.getByRole("radio", { name: "15 min", exact: true })).toHaveAttribute("aria-checked", "false");
    // hover shows the value under the cursor in the legend (the newest samples are at the right edge)
    const over = cpu.locator(".u-over");
    const box = (await over.boundingBox())!;
    const value = cpu.locator(".u-legend .u-value").nth(1);
    await expect
      .poll(async () => {
        for (const dx of [1, 4, 8, 16, 32]) {
          await page.mouse.move(box.x + box.width - dx, box.y + box.height / 2);
          const v = await value.textContent();
          if (v && /\d/.test(v)) return v;
        }
        return "";
      })
      .toMatch(/^\d+(\.\d)?%$/);
  });
});
