import { expect, test as setup } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { E2E } from "../playwright.config";

// One login per dashboard, each in its own browser context: the two dashboards share the host, so
// their cookies would overwrite each other in one context.
for (const [name, port, file] of [
  ["embedded", E2E.port, E2E.authFile],
  ["strict", E2E.strictPort, E2E.strictAuthFile],
] as const) {
  setup(`log in to the ${name} dashboard through the login form`, async ({ page }) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.goto(`http://127.0.0.1:${port}/login`);
    await page.getByLabel(/user name/i).fill("admin");
    await page.getByLabel(/password/i).fill(E2E.password);
    await page.getByRole("button", { name: /log ?in|sign ?in/i }).click();
    await expect(page).toHaveURL(/\/sessions/);
    await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
    await page.context().storageState({ path: file });
  });
}
