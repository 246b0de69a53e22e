// Which backend the running spec talks to: project `embedded` (the app with its embedded runtime)
// or `strict` (the app in cloud mode against the runtime answering only what AGB documents).
import fs from "node:fs";
import path from "node:path";
import { test } from "@playwright/test";
import { E2E, strictRuntimeUrl } from "../../playwright.config";

export const isStrict = () => test.info().project.name === "strict";

/** The project's data dir, AGB API key and login state. */
export function backend() {
  const strict = isStrict();
  const dataDir = strict ? E2E.strictDataDir : E2E.dataDir;
  return {
    dataDir,
    authFile: strict ? E2E.strictAuthFile : E2E.authFile,
    apiKey: () =>
      strict ? E2E.strictApiKey : fs.readFileSync(path.join(dataDir, "runtime", "api-key"), "utf8").trim(),
  };
}

/** The strict runtime's test control (throttling on demand, call counts); see README "Test control". */
export async function strictControl(
  method: "GET" | "POST",
  p: "throttle" | "calls" | "reset",
  body?: unknown,
): Promise<unknown> {
  const r = await fetch(`${strictRuntimeUrl}/_control/${p}`, {
    method,
    headers: { "x-control-key": E2E.controlKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`/_control/${p} → ${r.status} ${await r.text()}`);
  return ((await r.json()) as { data: unknown }).data;
}
