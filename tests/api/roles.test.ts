// Every route file's every exported method, called as viewer, operator and admin: below the row's
// least role (lib/api/endpoints.ts requiredRole) it answers 403 `forbidden`; at or above it, never
// 401 or 403. Expectations come from the endpoint table, so a new route is covered when it lands.
// Allowed calls send a JSON array as the body, which no body schema accepts, and name a session,
// user and login that do not exist: the role check runs, and nothing is created or deleted.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredRole } from "@/lib/api/endpoints";
import { ROLES, roleAtLeast, type Role } from "@/lib/api/roles";
import { hashPassword } from "@/lib/server/auth/password-hash";
import type { RouteHandler } from "@/lib/server/route";
import { createUser } from "@/lib/server/users/store";
import { call, startApiEnv, type ApiEnv } from "./fixture";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = path.resolve(__dirname, "../../app/api");
const PW = "role-test-password";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

let env: ApiEnv;
const cookies = {} as Record<Role, string>;
let loginHandler: RouteHandler;

async function logIn(username: string): Promise<string> {
  const res = await call(loginHandler, { method: "POST", path: "/api/auth/login", body: { username, password: PW } });
  expect(res.status, `login of ${username}`).toBe(204);
  return res.headers.get("set-cookie")!.split(";")[0];
}

beforeAll(async () => {
  env = await startApiEnv("roles");
  loginHandler = (await import("@/app/api/auth/login/route")).POST;
  for (const role of ROLES) {
    await createUser({ username: `role-${role}`, role, passwordHash: await hashPassword(PW) });
    cookies[role] = await logIn(`role-${role}`);
  }
});
afterAll(async () => {
  await env?.stop();
});

describe("every /api route checks the caller's role", () => {
  const files = routeFiles(root);
  it("finds the route files", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    const rel = path.relative(root, path.dirname(file));
    for (const role of ROLES) {
      it(`${rel} as ${role}`, async () => {
        const mod = (await import(file)) as Record<string, unknown>;
        const exported = METHODS.filter((m) => typeof mod[m] === "function");
        expect(exported.length).toBeGreaterThan(0);
        const params = Object.fromEntries([...rel.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], "s-some-id"]));
        const urlPath = `/api/${rel.replace(/\[\w+\]/g, "s-some-id")}`;
        for (const m of exported) {
          const handler = mod[m] as RouteHandler;
          const need = requiredRole(handler.endpoint);
          const res = await call(handler, {
            method: m,
            path: `${urlPath}?path=/tmp&dir=/tmp`,
            cookie: cookies[role],
            body: m === "GET" ? undefined : [],
            params,
          });
          const where = `${m} /api/${rel} as ${role} (needs ${need})`;
          if (handler.endpoint.auth !== false && !roleAtLeast(role, need)) {
            expect(res.status, where).toBe(403);
            expect(((await res.json()) as { error: { code: string } }).error.code, where).toBe("forbidden");
          } else {
            expect([401, 403], `${where}: ${res.status} ${await res.clone().text()}`).not.toContain(res.status);
          }
          // Logging out ends the login this test uses: log in again for the next call.
          if (handler.endpoint.path === "/api/auth/logout" && res.status === 204)
            cookies[role] = await logIn(`role-${role}`);
        }
      });
    }
  }

  it("the table has rows for every role, so each branch above runs", async () => {
    const needs = new Set<Role>();
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) if (mod[m]) needs.add(requiredRole((mod[m] as RouteHandler).endpoint));
    }
    expect([...needs].sort()).toEqual([...ROLES].sort());
  });
});
