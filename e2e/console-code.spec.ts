import { test, expect } from "./support/fixtures";
import { isStrict } from "./support/project";
import { SLOW, codeEditor, expectFinished, openConsole, pickLanguage, runCode } from "./console-helpers";

test.describe("console: code", () => {
  test.setTimeout(180_000);

  test("Python keeps state across runs, plots, renders tables and tracebacks, and blocks scripts in HTML", async ({
    page,
    newSession,
  }) => {
    const s = await newSession();
    await openConsole(page, s.sessionId);

    // State persists because the kernel does.
    await expectFinished(await runCode(page, "x = 41"));
    let cell = await runCode(page, "print(x + 1)", "button");
    await expectFinished(cell);
    await expect(cell.locator('[data-stream="stdout"]')).toHaveText("42\n");
    await expect(cell).toContainText(/\[\d+\]/);

    // A matplotlib figure arrives as an image that actually decodes.
    cell = await runCode(page, "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('demo')\nplt.show()");
    await expectFinished(cell);
    const img = cell.locator('img[data-result-kind="image"]');
    await expect(img).toBeVisible();
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(100);

    // A pandas DataFrame renders as a real table.
    cell = await runCode(page, "import pandas as pd\npd.DataFrame({'city': ['Oslo', 'Lima'], 'temp': [3, 19]})");
    await expectFinished(cell);
    const table = cell.locator('[data-result-kind="html"] table');
    await expect(table).toBeVisible();
    await expect(table.getByRole("cell", { name: "Lima" })).toBeVisible();
    await expect(table.locator("th", { hasText: "temp" })).toBeVisible();

    // HTML with a script: the markup shows, the script and the event handler never run.
    cell = await runCode(
      page,
      [
        "from IPython.display import HTML, display",
        `display(HTML("<b id='safe-bold'>bold text</b><script>window.__pwned = 'script'</script><img src='x' onerror=\\"window.__pwned = 'onerror'\\">"))`,
      ].join("\n"),
    );
    await expectFinished(cell);
    await expect(cell.locator("#safe-bold")).toHaveText("bold text");
    await expect(cell.locator("script")).toHaveCount(0);
    await expect(cell.locator("[onerror]")).toHaveCount(0);
    await page.waitForTimeout(300); // give a (wrongly) kept handler time to fire before asserting it did not
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();

    // An error shows its name, value and traceback, without ANSI colour codes.
    cell = await runCode(page, "def divide(a):\n    return a / 0\n\ndivide(7)");
    await expectFinished(cell, "Error");
    const err = cell.getByTestId("run-error");
    await expect(err).toContainText("ZeroDivisionError");
    await expect(err).toContainText("division by zero");
    await expect(cell.getByTestId("run-traceback")).toContainText("divide");
    expect(await cell.getByTestId("run-traceback").innerText()).not.toContain("\u001b[");

    // History survives a reload.
    await page.reload();
    await expect(page.getByTestId("run-cell")).toHaveCount(6, SLOW);
    await expect(page.getByTestId("run-cell").nth(4)).toContainText("42");
  });

  test("a long loop streams lines before it ends, and Stop interrupts it while the kernel keeps its state", async ({
    page,
    newSession,
  }) => {
    const s = await newSession();
    await openConsole(page, s.sessionId);
    if (isStrict()) {
      // AGB cannot interrupt code: the console says so before anything runs, and offers only to
      // stop waiting, which says the run may go on.
      await expect(page.getByTestId("interrupt-unavailable")).toContainText(
        "This backend cannot interrupt running code",
      );
      const cell = await runCode(
        page,
        "import time\nfor i in range(40):\n    print(f'tick {i}', flush=True)\n    time.sleep(0.1)",
      );
      await expect(cell.locator('[data-stream="stdout"]')).toContainText("tick 3", SLOW);
      await expect(cell.getByTestId("run-status")).toHaveText("Running");
      await expect(page.getByRole("button", { name: "Stop", exact: true })).toHaveCount(0);
      await page.getByRole("button", { name: "Stop waiting" }).click();
      await expectFinished(cell, "Stopped");
      await expect(cell).toContainText("may still be running in the session");
      // The kernel finishes the loop, then runs the next cell with its state.
      const after = await runCode(page, "print('after', i)");
      await expectFinished(after);
      await expect(after.locator('[data-stream="stdout"]')).toHaveText("after 39\n");
      return;
    }
    await expect(page.getByTestId("interrupt-unavailable")).toHaveCount(0);
    const cell = await runCode(
      page,
      "import time\nfor i in range(600):\n    print(f'tick {i}', flush=True)\n    time.sleep(0.1)",
    );
    // Lines arrive while the run is still going.
    await expect(cell.locator('[data-stream="stdout"]')).toContainText("tick 3", SLOW);
    await expect(cell.getByTestId("run-status")).toHaveText("Running");
    await expect(page.getByTestId("kernel-state")).toContainText("busy");

    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expectFinished(cell, "Stopped");
    await expect(page.getByTestId("kernel-state")).toContainText("idle");
    const printed = await cell.locator('[data-stream="stdout"]').innerText();
    expect(printed).not.toContain("tick 599");

    const after = await runCode(page, "print('survived', i > 3)");
    await expectFinished(after);
    await expect(after.locator('[data-stream="stdout"]')).toHaveText("survived True\n");
  });

  test("JavaScript, Java and R each print", async ({ page, newSession }) => {
    const s = await newSession();
    await openConsole(page, s.sessionId);

    await pickLanguage(page, "JavaScript");
    let cell = await runCode(page, "const greet = (n) => `hi ${n}`;\nconsole.log(greet('js'))");
    await expectFinished(cell);
    await expect(cell).toContainText("hi js");

    await pickLanguage(page, "Java");
    cell = await runCode(
      page,
      'int total = 0;\nfor (int k = 1; k <= 4; k++) total += k;\nSystem.out.println("java total " + total);',
    );
    await expectFinished(cell);
    await expect(cell).toContainText("java total 10");

    await pickLanguage(page, "R");
    cell = await runCode(page, "v <- c(2, 4, 6)\ncat('r mean', mean(v), '\\n')");
    await expectFinished(cell);
    await expect(cell).toContainText("r mean 4");

    // Each language has its own history; Python's is still empty.
    await pickLanguage(page, "Python");
    await expect(page.getByTestId("run-cell")).toHaveCount(0);
    await expect(codeEditor(page)).toContainText("print");
  });
});
