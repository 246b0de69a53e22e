// Configuration validation, the first admin's password, and the signed cookie token.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { configError } from "../support/config-error";
import { describe, expect, it } from "vitest";
import { ensureCredentials } from "@/lib/server/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password-hash";
import { signSessionToken, verifySessionToken } from "@/lib/server/auth/session-token";
import { loadConfig } from "@/lib/server/config";
import { closeDb } from "@/lib/server/db/db";
import { findUserForLogin, updateUser } from "@/lib/server/users/store";

const base: Record<string, string> = { AGB_ENDPOINT: "http://127.0.0.1:1", AGB_API_KEY: "k" };

describe("configuration", () => {
  it("names each wrong variable", () => {
    expect(configError({ AGB_API_KEY: "k" })).toMatch(/AGB_ENDPOINT is not set/);
    expect(configError({ AGB_ENDPOINT: "http://x" })).toMatch(/AGB_API_KEY is not set/);
    expect(configError({ ...base, AGB_ENDPOINT: "http://" })).toMatch(/AGB_ENDPOINT/);
    expect(configError({ ...base, AGB_TIMEOUT_MS: "soon" })).toMatch(/AGB_TIMEOUT_MS must be a whole number/);
    expect(configError({ ...base, DASHBOARD_PASSWORD: "short" })).toMatch(/DASHBOARD_PASSWORD must have at least 8/);
    expect(configError({ ...base, DASHBOARD_SESSION_SECRET: "too-short" })).toMatch(/DASHBOARD_SESSION_SECRET/);
    expect(configError({ ...base, DASHBOARD_SESSION_TTL_H: "0" })).toMatch(/DASHBOARD_SESSION_TTL_H/);
    expect(configError({ ...base, AGB_BACKEND: "mars" })).toMatch(/AGB_BACKEND/);
  });

  it("applies defaults and never needs the scheme", () => {
    const c = loadConfig({ AGB_ENDPOINT: "sdk-api.agb.cloud", AGB_API_KEY: "k", AGB_DATA_DIR: "/tmp/x" });
    expect(c).toMatchObject({
      backend: "cloud",
      dataDir: "/tmp/x",
      dashboardDir: "/tmp/x/dashboard",
      sessionTtlS: 12 * 3600,
      agb: { timeoutMs: 60_000 },
    });
  });
});

describe("credentials", () => {
  // The database follows process.env (one per data dir), as it does in the server.
  async function withDataDir(env: Record<string, string>, fn: (cfg: ReturnType<typeof loadConfig>) => Promise<void>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-cred-"));
    const saved = { ...process.env };
    Object.assign(process.env, base, { AGB_DATA_DIR: dir }, env);
    if (!env.DASHBOARD_PASSWORD) delete process.env.DASHBOARD_PASSWORD;
    try {
      await fn(loadConfig());
    } finally {
      await closeDb();
      process.env = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const adminCan = async (password: string) =>
    verifyPassword(password, (await findUserForLogin("admin"))?.passwordHash ?? null);

  it("creates the admin with a generated password once, stores only a scrypt hash, and a cookie secret (0600)", () =>
    withDataDir({}, async (cfg) => {
      const first = await ensureCredentials(cfg);
      expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect((await ensureCredentials(cfg)).generatedPassword).toBeNull();
      const dbFile = path.join(cfg.dashboardDir, "dashboard.db");
      expect(fs.readFileSync(dbFile).includes(first.generatedPassword!)).toBe(false);
      expect(fs.statSync(dbFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(cfg.dashboardDir, "session-secret")).mode & 0o777).toBe(0o600);
      expect(await adminCan(first.generatedPassword!)).toBe(true);
      expect(await adminCan("wrong")).toBe(false);
      expect((await findUserForLogin("admin"))?.role).toBe("admin");
    }));

  it("gives the admin DASHBOARD_PASSWORD, and gives it again (re-enabled) when it changes", async () => {
    await withDataDir({ DASHBOARD_PASSWORD: "correct horse" }, async (cfg) => {
      expect((await ensureCredentials(cfg)).generatedPassword).toBeNull();
      expect(await adminCan("correct horse")).toBe(true);
      expect(await adminCan("correct hors")).toBe(false);
      const admin = (await findUserForLogin("admin"))!;
      await updateUser(admin.id, { disabled: true, role: "viewer" });
      process.env.DASHBOARD_PASSWORD = "battery staple";
      await ensureCredentials(loadConfig());
      expect(await adminCan("battery staple")).toBe(true);
      expect(await findUserForLogin("admin")).toMatchObject({ disabled: false, role: "admin" });
    });
  });

  it("imports the password of a version without users (password.json) as the admin's", () =>
    withDataDir({}, async (cfg) => {
      fs.mkdirSync(cfg.dashboardDir, { recursive: true });
      fs.writeFileSync(path.join(cfg.dashboardDir, "password.json"), await hashPassword("old password"));
      expect((await ensureCredentials(cfg)).generatedPassword).toBeNull();
      expect(await adminCan("old password")).toBe(true);
    }));
});

describe("session token", () => {
  const secret = "s".repeat(40);
  it("verifies its own tokens and rejects tampering, another secret and expiry", async () => {
    const { token } = await signSessionToken(secret, 3600);
    expect(await verifySessionToken(secret, token)).toBe(true);
    expect(await verifySessionToken("t".repeat(40), token)).toBe(false);
    const [v, exp, nonce, sig] = token.split(".");
    expect(await verifySessionToken(secret, [v, String(Number(exp) + 1000), nonce, sig].join("."))).toBe(false);
    expect(await verifySessionToken(secret, token, (Number(exp) + 1) * 1000)).toBe(false);
    for (const bad of ["", "v1", "v1.x.y.z", "v2.1.2.3", token + "x", "a".repeat(500)])
      expect(await verifySessionToken(secret, bad)).toBe(false);
  });
});
