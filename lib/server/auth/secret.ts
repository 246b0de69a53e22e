// Where the cookie secret comes from: DASHBOARD_SESSION_SECRET (shared by several instances), or
// `<data>/dashboard/session-secret` written by scripts/init-dashboard.ts. No "server-only" here
// because proxy.ts (Node runtime) reads it too.
import fs from "node:fs";
import path from "node:path";

export const dashboardDir = (env: NodeJS.ProcessEnv = process.env) =>
  path.join(path.resolve(/*turbopackIgnore: true*/ env.AGB_DATA_DIR || ".data"), "dashboard");
export const secretFile = (env: NodeJS.ProcessEnv = process.env) => path.join(dashboardDir(env), "session-secret");

let cache: { key: string; secret: string } | null = null;

/** The cookie secret, or null when none is configured yet (then nobody is logged in). */
export function readSessionSecret(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.DASHBOARD_SESSION_SECRET) return env.DASHBOARD_SESSION_SECRET;
  const file = secretFile(env);
  if (cache?.key === file) return cache.secret;
  try {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length < 32) return null;
    cache = { key: file, secret };
    return secret;
  } catch {
    return null;
  }
}
