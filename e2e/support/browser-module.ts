// Runs browser-side modules of the app in real Chromium, without the app: esbuild bundles the
// given exports into one script, which is loaded into a blank page of a made-up origin (so it has
// its own localStorage). For code whose behaviour depends on the browser itself: storage quotas,
// the DOM that DOMPurify parses with.
import path from "node:path";
import { build } from "esbuild";
import type { Page } from "@playwright/test";

const ORIGIN = "http://browser-module.test";

/** Loads `source` (an ES module re-exporting what the test needs) as `window.mod` in `page`. */
export async function loadModule(page: Page, source: string): Promise<void> {
  const out = await build({
    stdin: { contents: source, resolveDir: path.resolve(__dirname, ".."), loader: "ts" },
    bundle: true,
    format: "iife",
    globalName: "mod",
    write: false,
    platform: "browser",
    tsconfig: path.resolve(__dirname, "../../tsconfig.json"),
    logLevel: "silent",
  });
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>module</title>" }),
  );
  await page.goto(`${ORIGIN}/`);
  await page.addScriptTag({ content: out.outputFiles[0].text });
}
