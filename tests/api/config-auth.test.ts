// Configuration validation, the generated password, and the stateless cookie token.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPassword, ensureCredentials, passwordFile } from "@/lib/server/auth/credentials";
import { signSessionToken, verifySessionToken } from "@/lib/server/auth/session-token";
import { ConfigError, loadConfig } from "@/lib/server/config";

const base: Record<string, string> = { AGB_ENDPOINT: "http://127.0.0.1:1", AGB_API_KEY: "k" };
const configError = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a configuration error");
};

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
  it("generates a password once, stores only a scrypt hash (0600) and a cookie secret", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-cred-"));
    const cfg = loadConfig({ ...base, AGB_DATA_DIR: dir });
    const first = await ensureCredentials(cfg);
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await ensureCredentials(cfg)).generatedPassword).toBeNull();
    const stored = fs.readFileSync(passwordFile(cfg), "utf8");
    expect(stored).not.toContain(first.generatedPassword!);
    expect(fs.statSync(passwordFile(cfg)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(cfg.dashboardDir, "session-secret")).mode & 0o777).toBe(0o600);
    expect(await checkPassword(cfg, first.generatedPassword!)).toBe(true);
    expect(await checkPassword(cfg, "wrong")).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("uses DASHBOARD_PASSWORD without writing a password file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-cred-"));
    const cfg = loadConfig({ ...base, AGB_DATA_DIR: dir, DASHBOARD_PASSWORD: "correct horse" });
    expect((await ensureCredentials(cfg)).generatedPassword).toBeNull();
    expect(fs.existsSync(passwordFile(cfg))).toBe(false);
    expect(await checkPassword(cfg, "correct horse")).toBe(true);
    expect(await checkPassword(cfg, "correct hors")).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
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
