// The endpoint table (lib/api/endpoints.ts) and the route files (app/api/**/route.ts) describe the
// same API: every exported handler is built from the row with its method and path, and every row
// has its handler.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoints, repeatedKeys, type Endpoint } from "@/lib/api/endpoints";
import { endpointUrl } from "@/lib/api/endpoint-url";
import type { RouteHandler } from "@/lib/server/route";

const root = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

const apiPathOf = (file: string) =>
  "/" + path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep).join("/");

describe("the endpoint table and app/api/**/route.ts", () => {
  it("agree on every method and path, and each handler is built from its row", async () => {
    const files = routeFiles(path.join(root, "app/api"));
    expect(files.length).toBeGreaterThan(20);
    const served = new Map<string, Endpoint>();
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const apiPath = apiPathOf(file);
      for (const method of METHODS) {
        const handler = mod[method] as RouteHandler | undefined;
        if (!handler) continue;
        const where = `${method} ${apiPath} (${path.relative(root, file)})`;
        expect(handler.endpoint, `${where} is not built with route(endpoints.…)`).toBeDefined();
        expect({ method: handler.endpoint.method, path: handler.endpoint.path }, where).toEqual({
          method,
          path: apiPath,
        });
        served.set(`${method} ${apiPath}`, handler.endpoint);
      }
    }
    const table = Object.entries(endpoints).map(([name, e]) => ({
      name,
      key: `${e.method} ${e.path}`,
      e: e as Endpoint,
    }));
    for (const { name, key, e } of table) {
      expect(served.has(key), `endpoints.${name} (${key}) has no route file`).toBe(true);
      expect(served.get(key), `${key} is served by another row than endpoints.${name}`).toBe(e);
    }
    expect(new Set(table.map((t) => t.key)).size).toBe(table.length);
    expect([...served.keys()].sort()).toEqual(table.map((t) => t.key).sort());
  });

  it("builds URLs from a row: the id encoded, repeated keys repeated, nothing undefined", () => {
    expect(endpointUrl(endpoints.session, "s 1/x")).toBe("/api/sessions/s%201%2Fx");
    expect(
      endpointUrl(endpoints.listSessions, undefined, { label: ["env:prod", "team:a b"], page: 2, size: undefined }),
    ).toBe("/api/sessions?label=env%3Aprod&label=team%3Aa+b&page=2");
    expect(() => endpointUrl(endpoints.metrics)).toThrow(/needs a session id/);
    expect(repeatedKeys(endpoints.listSessions.query)).toEqual(["label"]);
    expect(repeatedKeys(endpoints.readFile.query)).toEqual([]);
  });
});
