import { expect, test as setup } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { E2E } from "../playwright.config";

const AUTH_FILE = E2E.authFile;

setup("log in through the login form", async ({ page }) => {
  fs.mkdirSync(path.dirname(AUTH_FILE), { recursive: true });
  await page.goto("/login");
  await page.getByLabel(/password/i).fill(E2E.password);
  await page.getByRole("button", { name: /log ?in|sign ?in/i }).click();
  await expect(page).toHaveURL(/\/sessions/);
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  await page.context().storageState({ path: AUTH_FILE });
});
