// Not a test of behaviour: renders the terminal, the metrics charts and the command palette into
// screenshots/feature-*.png for review. Runs only with CONSOLE_SCREENSHOTS=1.
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { SLOW, openConsole } from "./console-helpers";

test.skip(!process.env.CONSOLE_SCREENSHOTS, "set CONSOLE_SCREENSHOTS=1 to render the screenshots");
test.setTimeout(180_000);
const out = (name: string) => {
  fs.mkdirSync("screenshots", { recursive: true });
  return `screenshots/feature-${name}.png`;
};

test("terminal, charts and palette screenshots", async ({ page, newSession, runCommand }) => {
  const s = await newSession({ purpose: "screenshots" });
  await page.setViewportSize({ width: 1280, height: 900 });
  const panel = await openConsole(page, s.sessionId);
  await panel.getByRole("tab", { name: "Terminal", exact: true }).click();
  const term = panel.getByTestId("terminal-tab");
  await expect(term.locator(".xterm-rows")).toContainText("$", SLOW);
  await term.locator("textarea").focus();
  await page.keyboard.type(
    "ls --color=always -la /usr/lib/python3* | head -5; printf '\\e[1;31mred \\e[32mgreen \\e[34mblue\\e[0m https://example.com\\n'; python3 -q\r",
  );
  await expect(term.locator(".xterm-rows")).toContainText(">>>", SLOW);
  await page.keyboard.type("[i*i for i in range(12)]\r");
  await page.waitForTimeout(500);
  await term.screenshot({ path: out("terminal") });

  await panel.getByRole("tab", { name: "Metrics" }).click();
  void runCommand(s.sessionId, "timeout 20 sh -c 'yes > /dev/null'; head -c 50M /dev/zero > /tmp/fill; true", 40_000);
  await expect
    .poll(async () => Number(await panel.getByTestId("chart-cpu").getAttribute("data-samples")), { timeout: 60_000 })
    .toBeGreaterThan(6);
  const cpu = panel.getByTestId("chart-cpu").locator("canvas");
  const box = (await cpu.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2);
  await page.screenshot({ path: out("charts"), fullPage: true });

  await page.keyboard.press("Control+K");
  await page.getByRole("dialog").getByRole("combobox").fill("the");
  await page.waitForTimeout(300);
  await page.screenshot({ path: out("palette") });
  await page.keyboard.press("Escape");
  await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
  await page.keyboard.press("?");
  await page.screenshot({ path: out("shortcuts-dark") });
});
