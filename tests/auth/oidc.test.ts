// OpenID Connect sign-in, the parts that need no provider: the OIDC_* configuration, the claim →
// role mapping, the sealed flow cookie, finding or creating the user (real SQLite), and the start
// and callback answering failures with the login page. The whole
// flow against a real provider is e2e/oidc.spec.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginErrorMessage } from "@/lib/api/login-errors";
import { oidcAccount, oidcSubject, preferredName } from "@/lib/server/auth/oidc/account";
import { finishOidcLogin } from "@/lib/server/auth/oidc/callback";
import { openFlow, sealFlow } from "@/lib/server/auth/oidc/flow-cookie";
import { roleFromClaims } from "@/lib/server/auth/oidc/role-claim";
import { startOidcLogin } from "@/lib/server/auth/oidc/start";
import { loadConfig } from "@/lib/server/config";
import { configError } from "../support/config-error";
import { closeDb } from "@/lib/server/db/db";
import { createUser, findUserByOidcSubject, updateUser } from "@/lib/server/users/store";

const base = { AGB_ENDPOINT: "http://127.0.0.1:1", AGB_API_KEY: "k" };
const oidc = { OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "dash", OIDC_CLIENT_SECRET: "s3cret" };

describe("OIDC configuration", () => {
  it("is off without the three variables, with defaults when they are set", () => {
    expect(loadConfig(base).oidc).toBeNull();
    expect(loadConfig({ ...base, OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" }).oidc).toBeNull();
    expect(loadConfig({ ...base, ...oidc }).oidc).toEqual({
      issuer: "https://id.example.com",
      clientId: "dash",
      clientSecret: "s3cret",
      roleClaim: "agb_role",
      defaultRole: "viewer",
      displayName: "OpenID Connect",
      redirectUrl: null,
    });
    expect(
      loadConfig({
        ...base,
        ...oidc,
        OIDC_ROLE_CLAIM: "groups",
        OIDC_DEFAULT_ROLE: "operator",
        OIDC_DISPLAY_NAME: "Acme SSO",
        OIDC_REDIRECT_URL: "https://dash.example.com/api/auth/oidc/callback",
      }).oidc,
    ).toMatchObject({
      roleClaim: "groups",
      defaultRole: "operator",
      displayName: "Acme SSO",
      redirectUrl: "https://dash.example.com/api/auth/oidc/callback",
    });
  });

  it("names what is missing when only some of the three are set", () => {
    expect(configError({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toMatch(
      /OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set/,
    );
    const m = configError({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER, OIDC_CLIENT_ID: "dash" });
    expect(m).toMatch(/together: OIDC_CLIENT_SECRET is not set/);
    // Reported beside other mistakes, not instead of them.
    const both = configError({ ...base, OIDC_CLIENT_SECRET: "x", AGB_TIMEOUT_MS: "soon" });
    expect(both).toMatch(/AGB_TIMEOUT_MS/);
    expect(both).toMatch(/OIDC_ISSUER and OIDC_CLIENT_ID are not set/);
  });

  it("refuses a bad issuer, role, or redirect URL", () => {
    expect(configError({ ...base, ...oidc, OIDC_ISSUER: "id.example.com" })).toMatch(/OIDC_ISSUER must be/);
    // Plain http only to this machine.
    expect(configError({ ...base, ...oidc, OIDC_ISSUER: "http://id.example.com" })).toMatch(/OIDC_ISSUER must be/);
    expect(loadConfig({ ...base, ...oidc, OIDC_ISSUER: "http://127.0.0.1:4000" }).oidc?.issuer).toBe(
      "http://127.0.0.1:4000",
    );
    expect(loadConfig({ ...base, ...oidc, OIDC_ISSUER: "http://localhost:4000/realms/x" }).oidc).not.toBeNull();
    expect(configError({ ...base, ...oidc, OIDC_DEFAULT_ROLE: "root" })).toMatch(
      /OIDC_DEFAULT_ROLE must be one of viewer, operator, admin/,
    );
    expect(configError({ ...base, ...oidc, OIDC_REDIRECT_URL: "ftp://x/cb" })).toMatch(/OIDC_REDIRECT_URL/);
    expect(configError({ ...base, ...oidc, OIDC_REDIRECT_URL: "https://x/cb?a=1" })).toMatch(/OIDC_REDIRECT_URL/);
  });
});

describe("claim → role", () => {
  const map = (claims: Record<string, unknown>, def: "viewer" | "operator" = "viewer", name = "agb_role") =>
    roleFromClaims(claims, name, def);

  it("takes a string or the highest valid role of an array", () => {
    expect(map({ agb_role: "operator" })).toBe("operator");
    expect(map({ agb_role: " Admin " })).toBe("admin");
    expect(map({ agb_role: ["viewer", "admin", "operator"] })).toBe("admin");
    expect(map({ agb_role: ["staff", "operator", 7, null] })).toBe("operator");
  });

  it("falls back to the default role when the claim is missing or names no role", () => {
    expect(map({})).toBe("viewer");
    expect(map({}, "operator")).toBe("operator");
    expect(map({ agb_role: "superuser" }, "operator")).toBe("operator");
    expect(map({ agb_role: [] })).toBe("viewer");
    expect(map({ agb_role: { admin: true } })).toBe("viewer");
    expect(map({ agb_role: 3 })).toBe("viewer");
    // Another claim is not read.
    expect(map({ role: "admin" })).toBe("viewer");
  });

  it("reads a namespaced claim as it is and a dotted path into objects", () => {
    expect(map({ "https://acme.io/roles": ["admin"] }, "viewer", "https://acme.io/roles")).toBe("admin");
    expect(map({ realm_access: { roles: ["offline", "operator"] } }, "viewer", "realm_access.roles")).toBe("operator");
    expect(map({ realm_access: ["operator"] }, "viewer", "realm_access.roles")).toBe("viewer");
  });
});

describe("the flow cookie", () => {
  const secret = "x".repeat(40);
  // Long distinctive values: a short one could turn up in random ciphertext by chance.
  const verifier = "pkce-verifier-that-must-stay-sealed-0123456789";
  const flow = {
    state: "state-value-xyz",
    nonce: "nonce-value-xyz",
    verifier,
    next: "/sessions",
    exp: Date.now() + 60_000,
  };

  it("opens what it sealed, and nothing forged, foreign or expired", () => {
    const sealed = sealFlow(secret, flow);
    // Sealed, not just encoded: neither the cookie nor its base64url decoding shows the verifier.
    expect(sealed).not.toContain(verifier);
    expect(Buffer.from(sealed, "base64url").toString("latin1")).not.toContain(verifier);
    expect(openFlow(secret, sealed)).toEqual(flow);
    expect(openFlow("y".repeat(40), sealed)).toBeNull();
    const raw = Buffer.from(sealed, "base64url");
    raw[raw.length - 1] ^= 1;
    expect(openFlow(secret, raw.toString("base64url"))).toBeNull();
    expect(openFlow(secret, sealed, flow.exp + 1)).toBeNull();
    expect(openFlow(secret, undefined)).toBeNull();
    expect(openFlow(secret, "garbage")).toBeNull();
  });
});

describe("the OIDC user", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-oidc-"));
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, base, { AGB_DATA_DIR: dir });
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await closeDb();
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is named from preferred_username, else email, else sub", () => {
    expect(preferredName({ sub: "1", email: "A@x.io", preferred_username: "Ann" })).toBe("ann");
    expect(preferredName({ sub: "1", email: "A@x.io" })).toBe("a@x.io");
    expect(preferredName({ sub: "abc" })).toBe("abc");
  });

  it("is created once per issuer and sub, takes the claim's role at each sign-in, and avoids taken names", async () => {
    const subject = oidcSubject("https://id.example.com", "u1");
    const first = await oidcAccount(subject, "ann", "operator");
    expect(first).toMatchObject({ created: true, user: { username: "ann", role: "operator", oidc: true } });
    expect(first.user.hasPassword).toBe(false);
    const again = await oidcAccount(subject, "ann", "viewer");
    expect(again).toMatchObject({ created: false, user: { id: first.user.id, role: "viewer" } });
    expect((await findUserByOidcSubject(subject))?.role).toBe("viewer");

    // "bob" is a password user; another issuer's "ann" is someone else.
    await createUser({ username: "bob", role: "admin", passwordHash: "x" });
    expect((await oidcAccount(oidcSubject("https://id.example.com", "u2"), "bob", "viewer")).user.username).toBe(
      "bob-2",
    );
    const other = await oidcAccount(oidcSubject("https://other.example.com", "u1"), "ann", "viewer");
    expect(other.user.username).toBe("ann-2");
    expect(other.user.id).not.toBe(first.user.id);

    // A disabled user stays disabled (the callback refuses it).
    await updateUser(first.user.id, { disabled: true });
    expect((await oidcAccount(subject, "ann", "admin")).user.disabled).toBe(true);
  });
});

describe("start and callback without a provider", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-oidc-flow-"));
  const saved = { ...process.env };
  const set = (env: Record<string, string | undefined>) => {
    process.env = { ...saved, ...base, AGB_DATA_DIR: dir, DASHBOARD_PASSWORD: "a-password-for-tests", ...env };
    delete process.env.DATABASE_URL;
    delete process.env.DASHBOARD_SESSION_SECRET;
  };
  const get = (p: string) => new NextRequest(new URL(p, "http://dash.test"));
  afterAll(async () => {
    await closeDb();
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers with the login page and a reason, never an error", async () => {
    set({});
    const off = await startOidcLogin(get("/api/auth/oidc/login"), "/sessions?page=2");
    expect(off.status).toBe(303);
    expect(off.headers.get("location")).toBe("/login?error=oidc_off&next=%2Fsessions%3Fpage%3D2");

    // Nothing listens on port 1: discovery fails at once.
    set({ ...oidc, OIDC_ISSUER: "http://127.0.0.1:1" });
    const down = await startOidcLogin(get("/api/auth/oidc/login"), "//evil.example");
    expect(down.headers.get("location")).toBe("/login?error=oidc_unavailable");
    expect(down.headers.get("set-cookie") ?? "").not.toMatch(/agb_oidc_flow=[^;]/);

    const lost = await finishOidcLogin(get("/api/auth/oidc/callback?code=c&state=s"));
    expect(lost.headers.get("location")).toBe("/login?error=oidc_expired");
  });
});

describe("login page errors", () => {
  it("knows its codes and nothing else", () => {
    expect(loginErrorMessage("oidc_state")).toMatch(/state/);
    expect(loginErrorMessage("toString")).toBeNull();
    expect(loginErrorMessage("<b>hi</b>")).toBeNull();
    expect(loginErrorMessage(null)).toBeNull();
  });
});
