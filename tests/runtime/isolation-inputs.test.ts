/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies are checked field by field */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, Wire, type TestRuntime } from "./helpers";

const logLines: string[] = [];
let t: TestRuntime;
let owner: Wire;
let other: Wire;
let id: string;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(...chunk.toString().split("\n").filter(Boolean));
      cb();
    },
  });
  t = await startTestRuntime({ logLevel: "info", logDestination: sink as any });
  owner = t.wire;
  other = t.wire.withKey(t.rt.apiKeys[1]);
  id = await owner.newSession({ labels: { mine: "yes" } });
});
afterAll(async () => {
  await t?.stop();
});

const expect4xx = (r: { status: number; body: any; headers: Headers }, status: number, re: RegExp) => {
  expect(r.status).toBe(status);
  expect(r.body.success).toBe(false);
  expect(r.body.httpStatusCode).toBe(status);
  expect(r.body.message).toMatch(re);
  expect(r.body.requestId).toBeTruthy();
  expect(r.headers.get("x-request-id")).toBe(r.body.requestId);
};

describe("per-key isolation", () => {
  it("another key's session answers not found everywhere and is not listed", async () => {
    for (const [p, body, q] of [
      ["/mcp/getSession", { sessionId: id }, undefined],
      ["/mcp/getSessionInfo", { sessionId: id }, undefined],
      ["/mcp/getMcpResource", { sessionId: id }, undefined],
      ["/mcp/refreshSessionIdleTime", {}, { sessionId: id }],
      ["/mcp/releaseSessionAsync", { sessionId: id }, undefined],
      ["/sdk/SetLabel", undefined, { sessionId: id, Labels: '{"x":"y"}' }],
      ["/mcp", { sessionId: id, name: "shell", args: '{"command":"echo hi"}' }, undefined],
    ] as const) {
      const r = await other.post(p, body, q as any);
      expect(r.body.success, p).toBe(false);
      expect(r.body.code, p).toBe("InvalidMcpSession.NotFound");
      expect(r.body.message, p).toBe(`Session ${id} not found`);
    }
    expect((await other.get("/sdk/GetLabel", { sessionId: id })).body.code).toBe("InvalidMcpSession.NotFound");
    expect((await other.get("/internet/getLink", { sessionId: id })).body.code).toBe("InvalidMcpSession.NotFound");
    const l = await other.list({ labels: { mine: "yes" } });
    expect(l.body).toMatchObject({ success: true, count: 0, data: [] });
    // and the owner still has it, untouched
    expect((await owner.info(id)).body.success).toBe(true);
    expect(JSON.parse((await owner.get("/sdk/GetLabel", { sessionId: id })).body.data.labels)).toEqual({ mine: "yes" });
  });

  it("refuses a missing or wrong key with 401", async () => {
    expect4xx(await owner.withKey(null).post("/mcp/getSession", { sessionId: id }), 401, /missing API key/);
    expect4xx(await owner.withKey("wrong-key-123").post("/mcp/getSession", { sessionId: id }), 401, /invalid API key/);
    expect4xx(await owner.withKey("wrong-key-123").get("/local/images"), 401, /invalid API key/);
  });
});

describe("bad inputs get a 4xx envelope, never a 5xx", () => {
  it("malformed JSON, non-object bodies, wrong types, missing fields", async () => {
    expect4xx(await owner.request("POST", "/mcp/getSession", { rawBody: "{not json" }), 400, /not valid JSON/);
    expect4xx(await owner.request("POST", "/mcp/getSession", { rawBody: "[1,2]" }), 400, /must be a JSON object/);
    expect4xx(await owner.request("POST", "/mcp/getSession", { rawBody: '"str"' }), 400, /must be a JSON object/);
    expect4xx(await owner.post("/mcp/getSession", {}), 400, /sessionId is required/);
    expect4xx(await owner.post("/mcp/getSession", { sessionId: 42 }), 400, /sessionId must be a string/);
    expect4xx(await owner.post("/mcp/getSession", { sessionId: "x".repeat(500) }), 400, /sessionId/);
    expect4xx(await owner.post("/mcp", { sessionId: id }), 400, /name \(the tool name\) is required/);
    expect4xx(
      await owner.post("/mcp", { sessionId: id, name: "shell", args: "{oops" }),
      400,
      /args of tool shell must be a JSON object/,
    );
    expect4xx(await owner.post("/mcp", { sessionId: id, name: "shell", args: 7 }), 400, /args must be a JSON object/);
    expect4xx(
      await owner.post("/mcp", { sessionId: id, name: "shell", args: "{}" }),
      400,
      /invalid args for tool shell: command is required/,
    );
    expect4xx(
      await owner.post("/mcp", {
        sessionId: id,
        name: "shell",
        args: JSON.stringify({ command: "echo", timeout_ms: "5" }),
      }),
      400,
      /timeout_ms/,
    );
    expect4xx(
      await owner.post("/mcp", {
        sessionId: id,
        name: "shell",
        args: JSON.stringify({ command: "echo", envs: { A: 1 } }),
      }),
      400,
      /envs/,
    );
    expect4xx(
      await owner.post("/mcp", { sessionId: id, name: "no_such_tool", args: "{}" }),
      400,
      /unknown tool "no_such_tool".*available: shell/,
    );
    expect4xx(
      await owner.post("/mcp/createSession", { labels: "not json" }, { imageId: "agb-code-space-2" }),
      400,
      /labels must be a JSON object/,
    );
  });

  it("oversized bodies, unknown routes and wrong methods", async () => {
    const big = JSON.stringify({
      sessionId: id,
      name: "shell",
      args: JSON.stringify({ command: "x".repeat(5 * 1024 * 1024) }),
    });
    expect4xx(await owner.request("POST", "/mcp", { rawBody: big }), 413, /limit is|exceeds/);
    expect4xx(await owner.get("/mcp/nope"), 404, /no such endpoint/);
    expect4xx(await owner.get("/mcp/createSession"), 405, /accepts POST/);
  });

  it("unknown sessions answer not found (HTTP 200, httpStatusCode 400 in the body)", async () => {
    const r = await owner.post("/mcp", { sessionId: "s-unknown", name: "shell", args: '{"command":"echo"}' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: false, code: "InvalidMcpSession.NotFound", httpStatusCode: 400, data: {} });
  });

  it("accepts empty POST bodies with content-type json", async () => {
    const r = await owner.request("POST", "/sdk/SetLabel", { query: { sessionId: id, Labels: '{"mine":"yes"}' } });
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
  });

  it("logs one JSON line per request with its requestId, never the key or a session token", async () => {
    const r = await owner.post("/mcp/getSession", { sessionId: id });
    await new Promise((res) => setTimeout(res, 50));
    const line = logLines.find((l) => l.includes(r.body.requestId));
    expect(line).toBeTruthy();
    expect(JSON.parse(line!)).toMatchObject({
      requestId: r.body.requestId,
      method: "POST",
      path: "/mcp/getSession",
      status: 200,
    });
    const all = logLines.join("\n");
    for (const k of t.rt.apiKeys) expect(all).not.toContain(k);
    expect(all).not.toContain(r.body.data.token);
  });
});

describe("paths", () => {
  it("accepts a doubled slash from an endpoint with a trailing slash", async () => {
    const r = await owner.request("POST", "//mcp/getSessionInfo", { body: { sessionId: id } });
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
  });
});
