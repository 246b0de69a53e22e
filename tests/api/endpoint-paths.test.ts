// lib/api/endpoint-paths.ts is generated from the endpoint table (lib/api/endpoints.ts): the
// browser builds its URLs from it without loading the table's zod schemas. This test fails when
// the copy is stale; UPDATE_ENDPOINT_PATHS=1 npx vitest run tests/api/endpoint-paths.test.ts rewrites it.
import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { endpoints } from "@/lib/api/endpoints";

const file = path.resolve(__dirname, "../../lib/api/endpoint-paths.ts");

async function generate(): Promise<string> {
  const rows = Object.entries(endpoints).map(
    ([name, e]) => `  ${name}: { method: "${e.method}", path: "${e.path}", json: ${typeof e.answer !== "string"} },`,
  );
  const text = `// GENERATED from lib/api/endpoints.ts by tests/api/endpoint-paths.test.ts: do not edit.
// The browser's copy of the endpoint table: method, path and whether a success answers JSON, by name.
// The types come from the table itself; its zod schemas stay out of the browser's first load.
import type { endpoints as table } from "./endpoints";

type Table = typeof table;
export type EndpointName = keyof Table;
export type EndpointOf<K extends EndpointName> = Table[K];

export interface EndpointRef<K extends EndpointName = EndpointName> {
  method: Table[K]["method"];
  path: Table[K]["path"];
  json: boolean;
  /** In the type only (no bytes in the browser): which row a reference is, so a call is typed by it. */
  readonly name?: K;
}

export const endpoints: { readonly [K in EndpointName]: EndpointRef<K> } = {
${rows.join("\n")}
};
`;
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}

describe("lib/api/endpoint-paths.ts", () => {
  it("is the endpoint table's current browser copy", async () => {
    const want = await generate();
    if (process.env.UPDATE_ENDPOINT_PATHS) fs.writeFileSync(file, want);
    expect(fs.readFileSync(file, "utf8")).toBe(want);
  });
});
