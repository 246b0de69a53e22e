import { chromium } from "@playwright/test";

/** Headless Chromium from the Debian package (CHROMIUM_PATH overrides). */
export const launchChromium = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
