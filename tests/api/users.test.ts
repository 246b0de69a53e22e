// The Users and Account API through the route handlers, on a real SQLite database: invite links
// work once and are stored hashed, the guards keep an admin, disabling and password changes end
// logins at once, and the audit log names the target but never a token or a password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { getDb } from "@/lib/server/db/db";
import type { RouteHandler } from "@/lib/server/route";
import { changeUser } from "@/lib/server/users/manage";
import { call, json, PASSWORD, startApiEnv, type ApiEnv } from "./fixture";

let env: ApiEnv;
const h = {} as Record<
  | "login"
  | "me"
  | "users"
  | "invite"
  | "invites"
  | "revoke"
  | "update"
  | "reset"
  | "accept"
  | "password"
  | "logins"
  | "endLogin",
  RouteHandler
>;

beforeAll(async () => {
  env = await startApiEnv("users");
  h.login = (await import("@/app/api/auth/login/route")).POST;
  h.me = (await import("@/app/api/auth/me/route")).GET;
  h.users = (await import("@/app/api/users/route")).GET;
  h.invite = (await import("@/app/api/users/invites/route")).POST;
  h.invites = (await import("@/app/api/users/invites/route")).GET;
  h.revoke = (await import("@/app/api/users/invites/[inviteId]/route")).DELETE;
  h.update = (await import("@/app/api/users/[uid]/route")).PUT;
  h.reset = (await import("@/app/api/users/[uid]/password/route")).POST;
  h.accept = (await import("@/app/api/invites/accept/route")).POST;
  h.password = (await import("@/app/api/account/password/route")).POST;
  h.logins = (await import("@/app/api/account/logins/route")).GET;
  h.endLogin = (await import("@/app/api/account/logins/[lid]/route")).DELETE;
});
afterAll(async () => {
  await env?.stop();
});

const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

async function login(username: string, password: string): Promise<Response> {
  return call(h.login, { method: "POST", path: "/api/auth/login", body: { username, password } });
}
async function me(cookie: string): Promise<Response> {
  return call(h.me, { path: "/api/auth/me", cookie });
}
async function invite(username: string, role: string, cookie = env.cookie) {
  return call(h.invite, { method: "POST", path: "/api/users/invites", cookie, body: { username, role } });
}
async function accept(token: string, password: string) {
  return call(h.accept, { method: "POST", path: "/api/invites/accept", body: { token, password } });
}
async function update(uid: number, body: unknown, cookie = env.cookie) {
  return call(h.update, { method: "PUT", path: `/api/users/${uid}`, cookie, body, params: { uid: String(uid) } });
}
async function userId(username: string): Promise<number> {
  const res = await call(h.users, { path: "/api/users", cookie: env.cookie });
  const { users } = await json<{ users: { id: number; username: string }[] }>(res);
  return users.find((u) => u.username === username)!.id;
}
async function invited(username: string, role: string, password: string): Promise<string> {
  const res = await invite(username, role);
  expect(res.status).toBe(201);
  const token = (await json<{ path: string }>(res)).path.replace("/invite/", "");
  const acc = await accept(token, password);
  expect(acc.status).toBe(204);
  return cookieOf(acc);
}
async function auditRows(action: string) {
  const db = await getDb();
  return db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
}

describe("invites", () => {
  it("a link works once, stores only its hash, and logs the new user in", async () => {
    const res = await invite("  Bob ", "viewer");
    expect(res.status).toBe(201);
    const body = await json<{ username: string; role: string; path: string; expiresAt: number }>(res);
    expect(body).toMatchObject({ username: "bob", role: "viewer" });
    const token = body.path.match(/^\/invite\/([A-Za-z0-9_-]{43})$/)![1];
    const db = await getDb();
    const row = await db.selectFrom("invites").selectAll().where("username", "=", "bob").executeTakeFirstOrThrow();
    expect(row.id).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.expires_at - row.created_at).toBe(7 * 24 * 3600_000);

    const short = await accept(token, "short");
    expect(short.status).toBe(422);
    const ok = await accept(token, "bob-password-1");
    expect(ok.status).toBe(204);
    expect(await json(await me(cookieOf(ok)))).toEqual({ username: "bob", role: "viewer" });
    expect(await errorCode(await accept(token, "bob-password-1"))).toBe("invite_invalid");
    // The name is taken now, in any case.
    const again = await invite("BOB", "operator");
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe("username_taken");
  });

  it("a second invite for the same name replaces the first; bad names are refused", async () => {
    const first = (await json<{ path: string }>(await invite("carol", "operator"))).path.slice(8);
    const second = (await json<{ path: string }>(await invite("carol", "viewer"))).path.slice(8);
    expect((await accept(first, "carol-password")).status).toBe(404);
    const ok = await accept(second, "carol-password");
    expect(ok.status).toBe(204);
    expect(await json(await me(cookieOf(ok)))).toEqual({ username: "carol", role: "viewer" });
    for (const bad of ["", "a b", "x".repeat(65), "é"]) expect((await invite(bad, "viewer")).status).toBe(422);
    expect((await invite("x".repeat(64), "viewer")).status).toBe(201);
    expect((await invite("dave", "root")).status).toBe(422);
  });

  it("an expired link is refused", async () => {
    const token = (await json<{ path: string }>(await invite("erin", "viewer"))).path.slice(8);
    const db = await getDb();
    await db
      .updateTable("invites")
      .set({ expires_at: Date.now() - 1 })
      .where("username", "=", "erin")
      .execute();
    expect(await errorCode(await accept(token, "erin-password"))).toBe("invite_invalid");
  });
});

describe("pending invites", () => {
  type Pending = { id: string; username: string; role: string; invitedBy: string | null; expiresAt: number };
  const pending = async (cookie = env.cookie) => call(h.invites, { path: "/api/users/invites", cookie });
  const revoke = (id: string, cookie = env.cookie) =>
    call(h.revoke, { method: "DELETE", path: `/api/users/invites/${id}`, cookie, params: { inviteId: id } });

  it("lists the unused, unexpired ones with who invited; revoking one ends its link at once", async () => {
    const token = (await json<{ path: string }>(await invite("rita", "operator"))).path.slice(8);
    await invite("sam", "viewer");
    const list = (await json<{ invites: Pending[] }>(await pending())).invites;
    const rita = list.find((i) => i.username === "rita")!;
    expect(rita).toMatchObject({ role: "operator", invitedBy: "admin" });
    expect(rita.id).toBe(createHash("sha256").update(token).digest("hex"));
    // Newest first; used and expired ones are not listed (bob's was used, erin's expired above).
    expect(list[0].username).toBe("sam");
    expect(list.map((i) => i.username)).not.toContain("bob");
    expect(list.map((i) => i.username)).not.toContain("erin");

    const res = await revoke(rita.id);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ username: "rita", role: "operator" });
    expect(await errorCode(await accept(token, "rita-password"))).toBe("invite_invalid");
    expect((await json<{ invites: Pending[] }>(await pending())).invites.map((i) => i.username)).not.toContain("rita");
    // Twice, or an id that is no invite: 404, not 500.
    expect(await errorCode(await revoke(rita.id))).toBe("not_found");
    expect((await revoke("not-an-id")).status).toBe(404);
  });

  it("is for admins only", async () => {
    const operator = await invited("uma", "operator", "uma-password-1");
    expect((await pending(operator)).status).toBe(403);
    const sam = (await json<{ invites: Pending[] }>(await pending())).invites.find((i) => i.username === "sam")!;
    expect((await revoke(sam.id, operator)).status).toBe(403);
    expect((await json<{ invites: Pending[] }>(await pending())).invites.map((i) => i.username)).toContain("sam");
  });
});

describe("changing users", () => {
  it("disabling ends the user's logins at once; enabling does not bring them back", async () => {
    const cookie = await invited("frank", "operator", "frank-password");
    const id = await userId("frank");
    const res = await update(id, { disabled: true });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ user: { username: "frank", disabled: true }, endedLogins: 1 });
    expect((await me(cookie)).status).toBe(401);
    expect(await errorCode(await login("frank", "frank-password"))).toBe("user_disabled");
    expect((await update(id, { disabled: false })).status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
    expect((await login("frank", "frank-password")).status).toBe(204);
  });

  it("a role change applies to the next request of an open login", async () => {
    const cookie = await invited("gina", "viewer", "gina-password");
    expect((await update(await userId("gina"), { role: "admin" })).status).toBe(200);
    expect(await json(await me(cookie))).toEqual({ username: "gina", role: "admin" });
  });

  it("an admin cannot demote or disable themselves", async () => {
    const self = await userId("admin");
    for (const body of [{ role: "operator" }, { disabled: true }]) {
      const res = await update(self, body);
      expect(res.status).toBe(409);
      expect(await errorCode(res)).toBe("cannot_change_self");
    }
    expect((await update(self, { role: "admin" })).status).toBe(200);
    expect((await update(999_999, { role: "viewer" })).status).toBe(404);
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const a = await invited("hana", "admin", "hana-password");
    const b = await invited("ivan", "admin", "ivan-password");
    const id = Object.fromEntries(
      await Promise.all(["admin", "gina", "hana", "ivan"].map(async (n) => [n, await userId(n)] as const)),
    );
    // Only hana and ivan stay admins: the others step down first.
    for (const name of ["admin", "gina"]) expect((await update(id[name], { role: "operator" }, a)).status).toBe(200);
    const [x, y] = await Promise.all([update(id.ivan, { role: "viewer" }, a), update(id.hana, { role: "viewer" }, b)]);
    // Whichever runs second is refused: by the role check when the first had committed before it
    // began (403), or by the last-admin check inside its transaction (409).
    expect([x.status, y.status].filter((s) => s === 200)).toHaveLength(1);
    expect(["forbidden", "last_admin"]).toContain(await errorCode(x.status === 200 ? y : x));
    const db = await getDb();
    const admins = await db.selectFrom("users").select("username").where("role", "=", "admin").execute();
    expect(admins).toHaveLength(1);
    // The check itself, for a caller the role check let through.
    const last = id[admins[0].username];
    const by = { userId: 0, username: "another-admin", role: "admin" as const, loginId: "" };
    await expect(changeUser(by, last, { disabled: true }, {})).rejects.toMatchObject({
      status: 409,
      code: "last_admin",
    });
    await expect(changeUser(by, last, { role: "operator" }, {})).rejects.toMatchObject({ code: "last_admin" });
    // Restore the first admin for the tests below.
    expect((await update(id.admin, { role: "admin" }, x.status === 200 ? a : b)).status).toBe(200);
  });

  it("a password reset gives a generated password once and ends the user's logins", async () => {
    const cookie = await invited("jay", "viewer", "jay-password");
    const id = await userId("jay");
    const res = await call(h.reset, {
      method: "POST",
      path: `/api/users/${id}/password`,
      cookie: env.cookie,
      params: { uid: String(id) },
    });
    expect(res.status).toBe(200);
    const { password, endedLogins } = await json<{ password: string; endedLogins: number }>(res);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(endedLogins).toBe(1);
    expect((await me(cookie)).status).toBe(401);
    expect((await login("jay", "jay-password")).status).toBe(401);
    expect((await login("jay", password)).status).toBe(204);
    const self = await userId("admin");
    const own = await call(h.reset, {
      method: "POST",
      path: `/api/users/${self}/password`,
      cookie: env.cookie,
      params: { uid: String(self) },
    });
    expect(await errorCode(own)).toBe("cannot_change_self");
  });
});

describe("the account", () => {
  it("changing the password needs the current one and ends the other logins", async () => {
    const here = await invited("kim", "viewer", "kim-password");
    const other = cookieOf(await login("kim", "kim-password"));
    const change = (body: unknown) =>
      call(h.password, { method: "POST", path: "/api/account/password", cookie: here, body });
    const wrong = await change({ currentPassword: "nope-nope", newPassword: "kim-password-2" });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe("wrong_password");
    expect((await change({ currentPassword: "kim-password", newPassword: "short" })).status).toBe(422);
    const ok = await change({ currentPassword: "kim-password", newPassword: "kim-password-2" });
    expect(await json(ok)).toEqual({ endedLogins: 1 });
    expect((await me(here)).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    expect((await login("kim", "kim-password-2")).status).toBe(204);
  });

  it("lists its own logins, marks this one, and ends another but not this one", async () => {
    const here = await invited("lee", "viewer", "lee-password");
    cookieOf(await login("lee", "lee-password"));
    const list = async () =>
      (
        await json<{ logins: { id: string; current: boolean }[] }>(
          await call(h.logins, { path: "/api/account/logins", cookie: here }),
        )
      ).logins;
    const logins = await list();
    expect(logins).toHaveLength(2);
    expect(logins.filter((l) => l.current)).toHaveLength(1);
    const end = (lid: string) =>
      call(h.endLogin, { method: "DELETE", path: `/api/account/logins/${lid}`, cookie: here, params: { lid } });
    const current = logins.find((l) => l.current)!.id;
    const other = logins.find((l) => !l.current)!.id;
    expect(await errorCode(await end(current))).toBe("current_login");
    // Another user's login is not theirs to end.
    const adminLogin = (
      await json<{ logins: { id: string }[] }>(
        await call(h.logins, { path: "/api/account/logins", cookie: env.cookie }),
      )
    ).logins[0].id;
    expect((await end(adminLogin)).status).toBe(404);
    expect((await end(other)).status).toBe(204);
    expect((await end(other)).status).toBe(404);
    expect((await list()).map((l) => l.id)).toEqual([current]);
  });
});

describe("the audit log of user changes", () => {
  it("names the target and the change, never a token or a password", async () => {
    const inv = await auditRows("user.invite");
    expect(inv.length).toBeGreaterThan(3);
    expect(JSON.parse(inv[0].detail)).toEqual({ target: "bob", role: "viewer" });
    expect(inv[0].username).toBe("admin");
    const acc = await auditRows("user.accept_invite");
    expect(acc.find((r) => r.result === "ok" && r.username === "bob")).toBeTruthy();
    const upd = (await auditRows("user.update")).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
    expect(upd).toContainEqual(
      expect.objectContaining({ result: "ok", detail: { target: "frank", disabled: true, endedLogins: 1 } }),
    );
    expect(upd).toContainEqual(
      expect.objectContaining({ result: "ok", detail: { target: "gina", role: { from: "viewer", to: "admin" } } }),
    );
    expect(upd).toContainEqual(expect.objectContaining({ result: "cannot_change_self", status: 409 }));
    const revoked = (await auditRows("user.revoke_invite")).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
    expect(revoked).toContainEqual(
      expect.objectContaining({ result: "ok", username: "admin", detail: { target: "rita", role: "operator" } }),
    );
    expect(revoked).toContainEqual(expect.objectContaining({ result: "not_found", status: 404 }));
    expect(revoked).toContainEqual(expect.objectContaining({ result: "forbidden", status: 403 }));
    const reset = await auditRows("user.reset_password");
    expect(reset.some((r) => JSON.parse(r.detail).target === "jay")).toBe(true);
    expect((await auditRows("auth.password")).map((r) => r.result)).toEqual(["wrong_password", "invalid_input", "ok"]);
    expect((await auditRows("auth.end_login")).map((r) => r.result)).toEqual([
      "current_login",
      "not_found",
      "ok",
      "not_found",
    ]);
    const db = await getDb();
    const all = (await db.selectFrom("audit_log").select("detail").execute()).map((r) => r.detail).join("\n");
    for (const secret of ["password", PASSWORD, "kim-password", "/invite/"]) expect(all).not.toContain(secret);
  });
});
