import "server-only";
// What must exist before anyone can log in: the cookie secret (`<data>/dashboard/session-secret`,
// unless DASHBOARD_SESSION_SECRET is set) and the first admin. Run by scripts/init-dashboard.ts
// before Next starts, and lazily by the server (e.g. `next dev`); safe to run concurrently.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DashboardConfig } from "../config";
import { createUser, findUserForLogin, isUniqueViolation, updateUser, userCount } from "../users/store";
import { hashPassword, verifyPassword } from "./password-hash";

/** The first admin's login name. */
export const FIRST_ADMIN = "admin";

const secretPath = (cfg: DashboardConfig) => path.join(cfg.dashboardDir, "session-secret");
/** Where versions before users kept the one password's hash: imported as the admin's. */
const legacyPasswordFile = (cfg: DashboardConfig) => path.join(cfg.dashboardDir, "password.json");

function writeExclusive(file: string, content: string): boolean {
  try {
    fs.writeFileSync(file, content, { mode: 0o600, flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/**
 * Creates what is missing. Returns the admin's generated password only on the call that created
 * it, so the caller can print it once. DASHBOARD_PASSWORD is the admin's password: when set, the
 * admin is (re)given it, re-enabled and made admin again at every start: the way back in.
 */
export async function ensureCredentials(cfg: DashboardConfig): Promise<{ generatedPassword: string | null }> {
  fs.mkdirSync(cfg.dashboardDir, { recursive: true, mode: 0o700 });
  if (!cfg.sessionSecret) writeExclusive(secretPath(cfg), randomBytes(48).toString("base64url") + "\n");

  const admin = await findUserForLogin(FIRST_ADMIN);
  if (admin && cfg.password) {
    if (!(await verifyPassword(cfg.password, admin.passwordHash)) || admin.disabled || admin.role !== "admin")
      await updateUser(admin.id, { passwordHash: await hashPassword(cfg.password), disabled: false, role: "admin" });
    return { generatedPassword: null };
  }
  if (admin || (await userCount()) > 0) return { generatedPassword: null };

  let legacy: string | null = null;
  try {
    legacy = fs.readFileSync(legacyPasswordFile(cfg), "utf8").trim();
  } catch {
    /* a fresh install */
  }
  const generated = cfg.password || legacy ? null : randomBytes(18).toString("base64url");
  const passwordHash = legacy ?? (await hashPassword(cfg.password ?? generated!));
  try {
    await createUser({ username: FIRST_ADMIN, role: "admin", passwordHash });
  } catch (e) {
    if (isUniqueViolation(e)) return { generatedPassword: null }; // another process created it first
    throw e;
  }
  return { generatedPassword: generated };
}

export function passwordBox(password: string): string {
  const lines = [
    "AGB Dashboard: a login password was generated.",
    "",
    `    ${password}`,
    "",
    `Log in as "${FIRST_ADMIN}". It is shown only this once and stored hashed`,
    "in the dashboard's database. Set DASHBOARD_PASSWORD and restart to",
    "reset it; add other users from the Users page.",
  ];
  const w = Math.max(...lines.map((l) => l.length)) + 2;
  const bar = "─".repeat(w);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(w - 1)}│`), `└${bar}┘`].join("\n");
}
