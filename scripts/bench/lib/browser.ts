import fs from "node:fs";
import { chromium, type Browser } from "@playwright/test";
import { startApp, stopAll, waitForHttp } from "./server";

/** Headless Chromium from the Debian package (CHROMIUM_PATH overrides). */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });

/**
 * Starts the app (scripts/start.mjs) on dataDir with env, launches Chromium, waits for healthUrl,
 * then runs fn; afterwards closes the browser, stops the app and removes dataDir.
 */
export async function withAppInBrowser(
  opts: { dataDir: string; env: Record<string, string>; healthUrl: string; timeoutMs: number },
  fn: (browser: Browser) => Promise<void>,
) {
  const app = startApp({ ...opts.env, AGB_DATA_DIR: opts.dataDir });
  const browser = await launchChromium();
  try {
    await waitForHttp(opts.healthUrl, { child: app, timeoutMs: opts.timeoutMs });
    await fn(browser);
  } finally {
    await browser.close();
    await stopAll([app]);
    fs.rmSync(opts.dataDir, { recursive: true, force: true });
  }
}
