import fs from "node:fs";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
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

/** Logs ctx in to the dashboard at base and creates one session of the first image; its id. */
export async function loginAndCreateSession(
  ctx: BrowserContext,
  base: string,
  password: string,
  labels: Record<string, string>,
): Promise<string> {
  const login = await ctx.request.post(`${base}/api/auth/login`, { data: { password }, headers: { origin: base } });
  if (login.status() !== 204) throw new Error(`login failed: ${login.status()}`);
  const images = (await (await ctx.request.get(`${base}/api/images`)).json()) as { images: { id: string }[] };
  const created = await ctx.request.post(`${base}/api/sessions`, {
    data: { imageId: images.images[0].id, labels },
    headers: { origin: base },
  });
  if (created.status() !== 201) throw new Error(`create session failed: ${created.status()} ${await created.text()}`);
  return ((await created.json()) as { sessionId: string }).sessionId;
}
