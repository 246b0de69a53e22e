import "server-only";
// The login password: DASHBOARD_PASSWORD, or a generated one stored as a scrypt hash in
// `<data>/dashboard/password.json`. Also creates the cookie secret file. Used by
// scripts/init-dashboard.ts (before Next starts) and lazily by the server (e.g. `next dev`).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DashboardConfig } from "../config";

const scrypt = (pw: string, salt: Buffer, keyLen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pw, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

const recordSchema = z.object({
  algo: z.literal("scrypt"),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  keyLen: z.number().int(),
  salt: z.string(),
  hash: z.string(),
});
export type PasswordRecord = z.infer<typeof recordSchema>;

const PARAMS = { N: 16_384, r: 8, p: 1, keyLen: 32 };

export async function hashPassword(password: string): Promise<PasswordRecord> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keyLen, {
    N: PARAMS.N,
    r: PARAMS.r,
    p: PARAMS.p,
    maxmem: 64 * 1024 * 1024,
  });
  return { algo: "scrypt", ...PARAMS, salt: salt.toString("base64"), hash: key.toString("base64") };
}

export async function verifyPassword(password: string, rec: PasswordRecord): Promise<boolean> {
  const key = await scrypt(password, Buffer.from(rec.salt, "base64"), rec.keyLen, {
    N: rec.N,
    r: rec.r,
    p: rec.p,
    maxmem: 64 * 1024 * 1024,
  });
  const want = Buffer.from(rec.hash, "base64");
  return key.length === want.length && timingSafeEqual(key, want);
}

export const passwordFile = (cfg: DashboardConfig) => path.join(cfg.dashboardDir, "password.json");
const secretPath = (cfg: DashboardConfig) => path.join(cfg.dashboardDir, "session-secret");

export function readPasswordRecord(cfg: DashboardConfig): PasswordRecord | null {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(fs.readFileSync(passwordFile(cfg), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

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
 * Creates what is missing. Returns the generated password (only on the call that created it),
 * so the caller can print it once. Safe to run concurrently: files are created exclusively.
 */
export async function ensureCredentials(cfg: DashboardConfig): Promise<{ generatedPassword: string | null }> {
  fs.mkdirSync(cfg.dashboardDir, { recursive: true, mode: 0o700 });
  if (!cfg.sessionSecret) writeExclusive(secretPath(cfg), randomBytes(48).toString("base64url") + "\n");
  if (cfg.password || readPasswordRecord(cfg)) return { generatedPassword: null };
  const password = randomBytes(18).toString("base64url");
  const rec = await hashPassword(password);
  return { generatedPassword: writeExclusive(passwordFile(cfg), JSON.stringify(rec) + "\n") ? password : null };
}

/** Checks a login attempt against DASHBOARD_PASSWORD or the stored hash. */
export async function checkPassword(cfg: DashboardConfig, attempt: string): Promise<boolean> {
  if (cfg.password) {
    // Hash both sides so the comparison is constant-time regardless of length.
    const [a, b] = await Promise.all([
      scrypt(attempt, Buffer.alloc(16), 32, { N: 1024, r: 8, p: 1 }),
      scrypt(cfg.password, Buffer.alloc(16), 32, { N: 1024, r: 8, p: 1 }),
    ]);
    return timingSafeEqual(a, b);
  }
  const rec = readPasswordRecord(cfg);
  return rec ? verifyPassword(attempt, rec) : false;
}

export function passwordBox(password: string, file: string): string {
  const lines = [
    "AGB Dashboard: a login password was generated.",
    "",
    `    ${password}`,
    "",
    "It is shown only this once and stored hashed in",
    `  ${file}`,
    "Delete that file (or set DASHBOARD_PASSWORD) to reset it.",
  ];
  const w = Math.max(...lines.map((l) => l.length)) + 2;
  const bar = "─".repeat(w);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(w - 1)}│`), `└${bar}┘`].join("\n");
}
