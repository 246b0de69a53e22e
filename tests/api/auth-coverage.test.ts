// Every route file under app/api is found and called without a cookie: all answer 401 except the
// public rows of the endpoint table (login with a password or OIDC, health, accepting an invite), which must be exactly
// these. A new route that forgets the wrapper fails here. tests/api/roles.test.ts does the same
// for each role.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteHandler } from "@/lib/server/route";
import { call, startApiEnv, type ApiEnv } from "./fixture";

const PUBLIC = new Set(["auth/login", "auth/oidc/login", "auth/oidc/callback", "health", "invites/accept"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = path.resolve(__dirname, "../../app/api");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

let env: ApiEnv;
beforeAll(async () => {
  env = await startApiEnv("auth-coverage");
});
afterAll(async () => {
  await env?.stop();
});

describe("every /api route requires a session", () => {
  const files = routeFiles(root);
  it("finds the route files", () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const file of files) {
    const rel = path.relative(root, path.dirname(file));
    it(`${rel} answers 401 without a cookie${PUBLIC.has(rel) ? " (except: public)" : ""}`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      expect(exported.length).toBeGreaterThan(0);
      for (const m of exported)
        expect((mod[m] as RouteHandler).endpoint.auth === false, `${m} ${rel}: public in the table`).toBe(
          PUBLIC.has(rel),
        );
      const urlPath = `/api/${rel.replace("[id]", "s-some-id")}`;
      for (const m of exported) {
        const handler = mod[m] as Parameters<typeof call>[0];
        const res = await call(handler, {
          method: m,
          path: `${urlPath}?path=/tmp&dir=/tmp`,
          body: m === "GET" ? undefined : {},
          params: rel.includes("[id]") ? { id: "s-some-id" } : {},
        });
        if (PUBLIC.has(rel)) expect(res.status).not.toBe(401);
        else {
          expect(res.status).toBe(401);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
        }
        // A forged cookie is no better than none.
        if (!PUBLIC.has(rel)) {
          const forged = await call(handler, {
            method: m,
            path: urlPath,
            cookie: "agb_dashboard_session=v1.9999999999.abc.def",
            body: m === "GET" ? undefined : {},
            params: { id: "s-some-id" },
          });
          expect(forged.status).toBe(401);
        }
      }
    });
  }
});
