// Shared steps for the console specs: open a fresh session's console and drive the code editor.
import { expect, type Locator, type Page } from "@playwright/test";

export const SLOW = { timeout: 60_000 };

export async function openConsole(
  page: Page,
  sessionId: string,
  tab: "Code" | "Commands" | "Files" | "Metrics" = "Code",
) {
  await page.goto(`/sessions/${encodeURIComponent(sessionId)}`);
  const panel = page.getByTestId("console-panel");
  await expect(panel).toBeVisible();
  if (tab !== "Code") await panel.getByRole("tab", { name: tab }).click();
  return panel;
}

export async function pickLanguage(page: Page, label: "Python" | "JavaScript" | "Java" | "R") {
  const select = page.getByRole("combobox", { name: "Language" });
  await select.selectOption({ label });
  await expect(select.locator("option:checked")).toHaveText(label);
}

/** The editor of the Code tab (CodeMirror's contenteditable), once its lazy chunk has loaded. */
export function codeEditor(page: Page): Locator {
  return page.getByTestId("console-panel").locator('[role="tabpanel"][data-state="active"] .cm-content').first();
}

/** Replaces the editor text and runs it with Ctrl+Enter; returns the new run's cell. */
export async function runCode(page: Page, code: string, via: "keyboard" | "button" = "keyboard"): Promise<Locator> {
  const editor = codeEditor(page);
  await expect(editor).toBeVisible(SLOW);
  const cells = page.getByTestId("run-cell");
  const before = await cells.count();
  await editor.fill(code);
  if (via === "keyboard") await editor.press("Control+Enter");
  else await page.getByRole("button", { name: /^Run/ }).first().click();
  await expect(cells).toHaveCount(before + 1);
  return cells.first();
}

export async function expectFinished(cell: Locator, status: "OK" | "Error" | "Stopped" = "OK") {
  await expect(cell.getByTestId("run-status")).toHaveText(status, SLOW);
}
