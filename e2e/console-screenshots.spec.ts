// Not a test of behaviour: renders the console as a user sees it into screenshots/console-*.png
// for review. Runs only with CONSOLE_SCREENSHOTS=1.
import fs from "node:fs";
import { test, expect } from "./support/fixtures";
import { SLOW, expectFinished, openConsole, runCode } from "./console-helpers";
import { isStrict } from "./support/project";

test.skip(!process.env.CONSOLE_SCREENSHOTS, "set CONSOLE_SCREENSHOTS=1 to render the console screenshots");
test.setTimeout(240_000);
const out = (name: string) => {
  fs.mkdirSync("screenshots", { recursive: true });
  return `screenshots/console-${name}${isStrict() ? "-strict" : ""}.png`;
};

test("console screenshots", async ({ page, newSession, browser }) => {
  const s = await newSession({ purpose: "screenshots" });
  await page.setViewportSize({ width: 1280, height: 900 });
  const panel = await openConsole(page, s.sessionId);

  // The code tab's toolbar while a run is going (Stop, or on AGB "Stop waiting" and why).
  const loop = await runCode(
    page,
    "import time\nfor i in range(60):\n    print(f'tick {i}', flush=True)\n    time.sleep(0.1)",
  );
  await expect(loop.locator('[data-stream="stdout"]')).toContainText("tick 2", SLOW);
  // The viewport from just above the toolbar (the sticky header would cover an element shot).
  await page
    .getByRole("combobox", { name: "Language" })
    .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
  await page.screenshot({ path: out("running"), animations: "disabled" });
  await expectFinished(loop);
  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Clear history" }).click();

  let cell = await runCode(
    page,
    "import matplotlib.pyplot as plt\nimport numpy as np\nx = np.linspace(0, 6, 200)\nplt.plot(x, np.sin(x), label='sin')\nplt.plot(x, np.cos(x), label='cos')\nplt.legend(); plt.title('Waves')\nplt.show()",
  );
  await expectFinished(cell);
  await cell.scrollIntoViewIfNeeded();
  await cell.screenshot({ path: out("plot") });

  cell = await runCode(
    page,
    "import pandas as pd\ndf = pd.DataFrame({'city': ['Oslo', 'Lima', 'Kyoto', 'Accra'], 'temp_c': [3.5, 19.2, 16.0, 27.9], 'rain_mm': [60, 1, 120, 80]})\ndf",
  );
  await expectFinished(cell);
  await cell.screenshot({ path: out("pandas") });

  cell = await runCode(
    page,
    "import sys\nprint('loading data...')\nprint('warning: cache is cold', file=sys.stderr)\nrows = {'a': 1}\nrows['b']",
  );
  await expectFinished(cell, "Error");
  await cell.screenshot({ path: out("error") });

  await panel.getByRole("tab", { name: "Commands" }).click();
  const command = panel.getByRole("textbox", { name: "Command", exact: true });
  await command.fill(
    "mkdir -p many && cd many && for i in $(seq 1 150); do printf 'line %s\\n' $i > report-$i.txt; done; ls | wc -l",
  );
  await command.press("Enter");
  await expect(panel.getByTestId("command-result").first()).toContainText("150", SLOW);
  await command.fill("grep -r needle /etc/hostname /nonexistent");
  await command.press("Enter");
  await expect(panel.getByTestId("command-result").first().getByTestId("command-status")).toContainText("Failed", SLOW);
  await page.getByRole("tabpanel").screenshot({ path: out("command-failed") });

  await panel.getByRole("tab", { name: "Files" }).click();
  await panel
    .locator('[data-testid="file-row"][data-path="/home/user/many"]')
    .getByRole("button", { name: "many", exact: true })
    .click();
  await expect(panel.getByTestId("file-row")).toHaveCount(150, SLOW);
  await panel
    .locator('[data-testid="file-row"][data-path="/home/user/many/report-1.txt"]')
    .getByRole("button", { name: "report-1.txt", exact: true })
    .click();
  await expect(panel.getByTestId("file-viewer").locator(".cm-content")).toContainText("line 1", SLOW);
  await page.screenshot({ path: out("files-long"), fullPage: false });

  await panel.getByRole("tab", { name: "Metrics" }).click();
  await expect(panel.getByTestId("metric-cpu")).toBeVisible(SLOW);
  await page.getByRole("tabpanel").screenshot({ path: out("metrics") });

  // Phone width, light.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    storageState: await page.context().storageState(),
  });
  const p = await phone.newPage();
  await openConsole(p, s.sessionId);
  await expect(p.getByTestId("run-cell")).toHaveCount(3, SLOW);
  await p.getByTestId("console-panel").scrollIntoViewIfNeeded();
  await p.screenshot({ path: out("phone"), fullPage: true });
  await phone.close();

  // Dark mode (system preference).
  const dark = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: "dark",
    storageState: await page.context().storageState(),
  });
  const d = await dark.newPage();
  await openConsole(d, s.sessionId);
  await expect(d.getByTestId("run-cell")).toHaveCount(3, SLOW);
  await d.getByTestId("console-panel").scrollIntoViewIfNeeded();
  await d.screenshot({ path: out("dark") });
  await dark.close();
});
