/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies are checked field by field */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, Wire, type TestRuntime } from "./helpers";

let t: TestRuntime;
let w: Wire; // owner B: an owner of its own so counts are exact
beforeAll(async () => {
  t = await startTestRuntime({ poolSize: 2 });
  w = t.wire.withKey(t.rt.apiKeys[1]);
});
afterAll(async () => {
  await t?.stop();
});

const getLabels = async (id: string) => {
  const r = await w.get("/sdk/GetLabel", { sessionId: id });
  expect(r.body.success).toBe(true);
  expect(typeof r.body.data.labels).toBe("string");
  return JSON.parse(r.body.data.labels);
};
const setLabels = (id: string, labels: unknown) =>
  w.request("POST", "/sdk/SetLabel", {
    query: { sessionId: id, Labels: typeof labels === "string" ? labels : JSON.stringify(labels) },
  });

describe("labels", () => {
  it("set then get; SetLabel replaces; fresh session has none", async () => {
    const id = await w.newSession();
    expect(await getLabels(id)).toEqual({});
    const s1 = await setLabels(id, { env: "test", version: "1.0" });
    expect(s1.status).toBe(200);
    expect(s1.body.success).toBe(true);
    expect(await getLabels(id)).toEqual({ env: "test", version: "1.0" });
    await setLabels(id, { key1: "new", key2: "added" });
    expect(await getLabels(id)).toEqual({ key1: "new", key2: "added" });
    await w.release(id);
  });

  it("enforces the label rules with clear 4xx errors", async () => {
    const id = await w.newSession();
    const cases: [unknown, RegExp][] = [
      [{ "": "x" }, /keys cannot be empty/],
      [{ "  ": "x" }, /keys cannot be empty/],
      [{ k: "" }, /cannot be empty/],
      [{ k: 5 }, /must be a string/],
      [{ ["k".repeat(129)]: "v" }, /limit is 128/],
      [{ k: "v".repeat(257) }, /limit is 256/],
      [Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"])), /at most 64 labels/],
      ["not json", /not JSON/],
      ["[1,2]", /an array/],
    ];
    for (const [labels, re] of cases) {
      const r = await setLabels(id, labels);
      expect(r.status, JSON.stringify(labels).slice(0, 40)).toBe(400);
      expect(r.body.success).toBe(false);
      expect(r.body.message).toMatch(re);
      expect(r.body.requestId).toBeTruthy();
    }
    const missing = await w.request("POST", "/sdk/SetLabel", { query: { sessionId: id } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/Labels is required/);
    // limits exactly at the edge are fine
    const edge = await setLabels(id, { ["k".repeat(128)]: "v".repeat(256) });
    expect(edge.body.success).toBe(true);
    // creation labels obey the same rules
    const bad = await w.createSession({ labels: { k: "v".repeat(300) } });
    expect(bad.status).toBe(400);
    const notJson = await w.post("/mcp/createSession", { labels: "{oops" }, { imageId: "agb-code-space-2" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/labels must be a JSON object/);
    await w.release(id);
  });
});

describe("ListSession", () => {
  it("filters by creation labels and SetLabel labels with AND semantics", async () => {
    const tag = `u${Date.now()}`;
    const a = await w.newSession({ labels: { matchTest: tag, team: "x" } });
    const b = await w.newSession({ labels: { matchTest: tag, team: "y" } });
    const c = await w.newSession();
    await setLabels(c, { matchTest: tag, team: "x" });
    const both = await w.listAll({ matchTest: tag });
    expect(both.ids).toEqual([c, b, a]);
    expect(both.count).toBe(3);
    const and = await w.listAll({ matchTest: tag, team: "x" });
    expect(and.ids).toEqual([c, a]);
    expect(and.count).toBe(2);
    const none = await w.list({ labels: { nonexistent: tag } });
    expect(none.body).toMatchObject({ success: true, data: [], count: 0 });
    expect(none.body.nextToken).toBeUndefined();
    for (const id of [a, b, c]) await w.release(id);
  });

  it("walks pages of 2 with an exact count, no duplicates, absent nextToken on the last page", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await w.newSession({ labels: { page: "walk" } }));
    const total = (await w.list({})).body.count;
    const all = await w.listAll({}, 2);
    expect(all.ids.length).toBe(total);
    expect(new Set(all.ids).size).toBe(all.ids.length);
    const walk = await w.listAll({ page: "walk" }, 2);
    expect(walk.ids).toEqual([...ids].reverse());
    expect(walk.pages).toBe(3);
    const last = await w.list({ labels: { page: "walk" }, maxResults: 5 });
    expect(last.body.data).toHaveLength(5);
    expect(last.body.nextToken).toBeUndefined();
    for (const id of ids) await w.release(id);
  });

  it("keeps the cursor correct while sessions are created and released between pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await w.newSession({ labels: { page: "concurrent" } }));
    const newestFirst = [...ids].reverse(); // ids[5] .. ids[0]
    const p1 = await w.list({ labels: { page: "concurrent" }, maxResults: 2 });
    expect(p1.body.data.map((d: any) => d.sessionId)).toEqual(newestFirst.slice(0, 2));
    // between pages: one new session, one release of an unseen session, one release of a seen one
    const fresh = await w.newSession({ labels: { page: "concurrent" } });
    await w.release(newestFirst[3]);
    await w.release(newestFirst[0]);
    const seen = p1.body.data.map((d: any) => d.sessionId);
    let token = p1.body.nextToken;
    while (token) {
      const p = await w.list({ labels: { page: "concurrent" }, maxResults: 2, nextToken: token });
      seen.push(...p.body.data.map((d: any) => d.sessionId));
      expect(p.body.count).toBe(5); // 6 - 2 released + 1 created
      token = p.body.nextToken;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(fresh);
    expect(seen).not.toContain(newestFirst[3]);
    for (const stayed of [newestFirst[1], newestFirst[2], newestFirst[4], newestFirst[5]])
      expect(seen).toContain(stayed);
    for (const id of [...ids, fresh]) await w.release(id);
  });

  it("validates maxResults, nextToken and the labels filter", async () => {
    for (const bad of ["0", "101", "-1", "abc", "1.5"]) {
      const r = await w.list({ maxResults: bad });
      expect(r.status, bad).toBe(400);
      expect(r.body.message).toMatch(/maxResults must be a whole number from 1 to 100/);
    }
    expect((await w.list({ maxResults: 100 })).body.success).toBe(true);
    const tok = await w.list({ nextToken: "garbage!" });
    expect(tok.status).toBe(400);
    expect(tok.body.message).toMatch(/nextToken/);
    const lab = await w.get("/sdk/ListSession", { labels: "{bad" });
    expect(lab.status).toBe(400);
    expect(lab.body.message).toMatch(/labels must be a JSON object/);
    // axios encodes spaces as '+': the filter value must come back with a space
    const id = await w.newSession({ labels: { a: "b c" } });
    const r = await w.request("GET", "/sdk/ListSession?labels=%7B%22a%22:%22b+c%22%7D&maxResults=10");
    expect(r.body.data.map((d: any) => d.sessionId)).toEqual([id]);
    await w.release(id);
  });
});
