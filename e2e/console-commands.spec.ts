import { test, expect } from "./support/fixtures";
import { SLOW, openConsole } from "./console-helpers";

test.describe("console: commands", () => {
  test.setTimeout(120_000);

  test("runs a command with a working directory and environment, marks a failing one, and recalls history", async ({
    page,
    newSession,
  }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Commands");

    await panel.getByLabel("Working directory").fill("/tmp");
    await panel.locator("summary", { hasText: "Environment" }).click();
    await panel.getByRole("button", { name: "Add variable" }).click();
    await panel.getByLabel("Variable 1 name").fill("GREETING");
    await panel.getByLabel("Variable 1 value").fill(`it's "quoted"; $HOME & more`);
    const command = panel.getByRole("textbox", { name: "Command", exact: true });
    await command.fill('printf "%s from %s\\n" "$GREETING" "$(pwd)"');
    await command.press("Enter");

    let result = panel.getByTestId("command-result").first();
    await expect(result.locator('[data-stream="stdout"]')).toHaveText(`it's "quoted"; $HOME & more from /tmp\n`, SLOW);
    await expect(result.getByTestId("command-status")).toHaveText("exit 0");
    await expect(result).toHaveAttribute("data-failed", "false");

    // An invalid variable name is refused before anything runs.
    await panel.getByLabel("Variable 1 name").fill("1BAD");
    await expect(panel.getByRole("alert")).toContainText('"1BAD" is not a valid variable name');
    await expect(panel.getByRole("button", { name: "Run", exact: true })).toBeDisabled();
    await panel.getByRole("button", { name: "Remove variable 1" }).click();

    await command.fill("ls /nonexistent-dir");
    await panel.getByRole("button", { name: "Run", exact: true }).click();
    result = panel.getByTestId("command-result").first();
    await expect(result.getByTestId("command-status")).toHaveText("Failed · exit 2", SLOW);
    await expect(result).toHaveAttribute("data-failed", "true");
    await expect(result.locator('[data-stream="stderr"]')).toContainText("No such file or directory");

    // Up walks back through earlier commands, Down returns to what was typed.
    await command.fill("echo draft");
    await command.press("ArrowUp");
    await expect(command).toHaveValue("ls /nonexistent-dir");
    await command.press("ArrowUp");
    await expect(command).toHaveValue('printf "%s from %s\\n" "$GREETING" "$(pwd)"');
    await command.press("ArrowDown");
    await command.press("ArrowDown");
    await expect(command).toHaveValue("echo draft");
  });

  test("a command that overruns its timeout says so", async ({ page, newSession }) => {
    const s = await newSession();
    const panel = await openConsole(page, s.sessionId, "Commands");
    await panel.getByLabel("Command timeout in seconds").fill("1");
    await panel.getByRole("textbox", { name: "Command", exact: true }).fill("sleep 5; echo never");
    await panel.getByRole("textbox", { name: "Command", exact: true }).press("Enter");
    const result = panel.getByTestId("command-result").first();
    await expect(result.getByTestId("command-status")).toHaveText("Timed out", SLOW);
    await expect(result).toContainText("did not finish within its timeout");
    await expect(result.locator('[data-stream="stdout"]')).toHaveCount(0);
  });
});
