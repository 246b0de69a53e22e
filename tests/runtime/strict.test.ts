/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies are checked field by field */
// Strict mode answers exactly what AGB documents; the same calls on the default runtime show each
// extension is really there, so every "absent" below can fail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startTestRuntime, type TestRuntime } from "./helpers";

const LATENCY_MS = 250;
const DASHBOARD = "http://127.0.0.1:3999";
const EXTENSION_TOOLS = ["list_directory_detailed", "interrupt_code"];

let strict: TestRuntime;
let plain: TestRuntime;
let sid: string; // a strict-mode session
let plainSid: string;

beforeAll(async () => {
  [strict, plain] = await Promise.all([
    startTestRuntime({
      strict: true,
      faults: true,
      controlKey: "control-key-for-tests-0123",
      dashboardUrl: DASHBOARD + "/",
    }),
    startTestRuntime({ latencyMs: LATENCY_MS }),
  ]);
  [sid, plainSid] = await Promise.all([
    strict.wire.newSession({ labels: { team: "a" } }),
    plain.wire.newSession({ labels: { team: "a" } }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([strict?.stop(), plain?.stop()]);
});

const control = (t: TestRuntime, method: "GET" | "POST", p: string, body?: unknown, key = t.rt.controlKey) =>
  t.wire.withKey(null).request(method, `/_control/${p}`, { body, headers: key ? { "x-control-key": key } : {} });

const toolNames = (toolList: string) => (JSON.parse(toolList) as { name: string }[]).map((t) => t.name);
const schemaOf = (toolList: string, name: string) =>
  (JSON.parse(toolList) as { name: string; inputSchema: any }[]).find((t) => t.name === name)!.inputSchema;

describe("strict mode: only AGB's documented fields", () => {
  it("ListSession items carry ids and statuses only", async () => {
    const s = await strict.wire.list({ labels: { team: "a" } });
    expect(s.body.data).toEqual([{ sessionId: sid, sessionStatus: "RUNNING" }]);
    expect(s.body.count).toBe(1);
    const p = await plain.wire.list({ labels: { team: "a" } });
    expect(p.body.data[0]).toMatchObject({ sessionId: plainSid, imageId: "agb-code-space-2", labels: { team: "a" } });
  });

  it("createSession and getSession answer the documented fields only", async () => {
    const documented = [
      "sessionId",
      "resourceUrl",
      "appInstanceId",
      "resourceId",
      "linkUrl",
      "wsUrl",
      "token",
      "toolList",
    ];
    const c = await strict.wire.createSession();
    expect(Object.keys(c.body.data).sort()).toEqual([...documented].sort());
    const g = await strict.wire.post("/mcp/getSession", { sessionId: sid });
    expect(Object.keys(g.body.data).sort()).toEqual([...documented, "status"].sort());
    const pg = await plain.wire.post("/mcp/getSession", { sessionId: plainSid });
    expect(pg.body.data).toMatchObject({ labels: { team: "a" }, imageId: "agb-code-space-2", sandboxed: true });
    await strict.wire.release(c.body.data.sessionId);
  });

  it("has no /local/images (404 like any unknown endpoint); /health stays for readiness checks", async () => {
    const r = await strict.wire.get("/local/images");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ success: false, code: "NotFound" });
    expect((await plain.wire.get("/local/images")).body.success).toBe(true);
    expect((await strict.wire.withKey(null).get("/health")).body.ok).toBe(true);
  });

  it("the refresh and getLink answers lose their extension fields", async () => {
    const r = await strict.wire.request("POST", "/mcp/refreshSessionIdleTime", { query: { sessionId: sid }, body: {} });
    expect(r.body).toMatchObject({ success: true, data: {} });
    const l = await strict.wire.get("/internet/getLink", { sessionId: sid });
    expect(Object.keys(l.body.data)).toEqual(["url"]);
  });
});

describe("strict mode: only AGB's tools and arguments", () => {
  it("toolList and listTools hide extension tools and arguments", async () => {
    const g = await strict.wire.post("/mcp/getSession", { sessionId: sid });
    const lt = await strict.wire.post("/mcp/listTools", {}, { imageId: "agb-code-space-2" });
    for (const list of [g.body.data.toolList, lt.body.data] as string[]) {
      const names = toolNames(list);
      expect(names).toEqual(expect.arrayContaining(["shell", "run_code", "read_file", "write_file", "get_metrics"]));
      for (const ext of EXTENSION_TOOLS) expect(names).not.toContain(ext);
      expect(Object.keys(schemaOf(list, "write_file").properties).sort()).toEqual(["content", "mode", "path"]);
      expect(Object.keys(schemaOf(list, "delete_file").properties)).toEqual(["path"]);
      expect(Object.keys(schemaOf(list, "read_file").properties)).toContain("format");
    }
    const plainList = (await plain.wire.post("/mcp/listTools", {}, { imageId: "agb-code-space-2" })).body
      .data as string;
    expect(toolNames(plainList)).toEqual(expect.arrayContaining(EXTENSION_TOOLS));
    expect(Object.keys(schemaOf(plainList, "write_file").properties)).toContain("format");
  });

  it("an extension tool fails exactly like a tool that does not exist", async () => {
    const unknown = await strict.wire.callTool(sid, "no_such_tool", {});
    for (const ext of EXTENSION_TOOLS) {
      const r = await strict.wire.callTool(sid, ext, { path: "/tmp" });
      expect(r.status).toBe(unknown.status);
      expect(r.body.code).toBe(unknown.body.code);
      expect(r.body.code).toBe("InvalidParameter.ToolName");
      expect(r.body.message).toBe(unknown.body.message.replace("no_such_tool", ext));
    }
    const ok = await plain.wire.callTool(plainSid, "list_directory_detailed", { path: "/tmp" });
    expect(ok.body.data.isError).toBe(false);
  });

  it("an extension argument is refused by name and nothing is written or deleted", async () => {
    const w = await strict.wire.callTool(sid, "write_file", { path: "/tmp/b.bin", content: "aGk=", format: "binary" });
    expect(w.status).toBe(400);
    expect(w.body).toMatchObject({ success: false, code: "InvalidParameter" });
    expect(w.body.message).toMatch(/write_file.*unknown argument "format"/);
    expect((await strict.wire.callTool(sid, "get_file_info", { path: "/tmp/b.bin" })).body.data.isError).toBe(true);

    await strict.wire.shell(sid, "mkdir -p /tmp/tree/sub && touch /tmp/tree/sub/f");
    const d = await strict.wire.callTool(sid, "delete_file", { path: "/tmp/tree", recursive: true });
    expect(d.status).toBe(400);
    expect(d.body.message).toMatch(/delete_file.*unknown argument "recursive"/);
    expect((await strict.wire.shell(sid, "test -f /tmp/tree/sub/f")).out.exit_code).toBe(0);

    // documented arguments keep working, binary reads included
    await strict.wire.callTool(sid, "write_file", { path: "/tmp/t.txt", content: "hi", mode: "overwrite" });
    const r = await strict.wire.callTool(sid, "read_file", { path: "/tmp/t.txt", format: "binary" });
    expect(r.body.data.content[0].text).toBe(Buffer.from("hi").toString("base64"));
    // the default runtime accepts the same extension argument
    await plain.wire.shell(plainSid, "mkdir -p /tmp/tree/sub && touch /tmp/tree/sub/f");
    expect(
      (await plain.wire.callTool(plainSid, "delete_file", { path: "/tmp/tree", recursive: true })).body.data.isError,
    ).toBe(false);
  });
});

describe("strict mode: the stream socket", () => {
  /** Sends one frame on the session's socket and returns the first answer to it. */
  async function firstAnswer(t: TestRuntime, id: string, data: unknown): Promise<any> {
    const g = await t.wire.post("/mcp/getSession", { sessionId: id });
    const ws = new WebSocket(g.body.data.wsUrl, { headers: { "X-Access-Token": g.body.data.token } });
    try {
      await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
      const answer = new Promise((resolve) => ws.once("message", (m) => resolve(JSON.parse(m.toString()))));
      ws.send(JSON.stringify({ invocationId: "inv-1", data }));
      return await answer;
    } finally {
      ws.close();
    }
  }

  it("refuses a method AGB does not document (interrupt) as unknown", async () => {
    const r = await firstAnswer(strict, sid, { method: "interrupt", params: { language: "python" } });
    expect(r).toMatchObject({
      invocationId: "inv-1",
      data: { phase: "error", error: 'unknown method "interrupt"; supported: run_code' },
    });
    const p = await firstAnswer(plain, plainSid, { method: "interrupt", params: { language: "python" } });
    expect(p.data.phase).toBe("end");
  });
});

describe("session.info() (getMcpResource)", () => {
  it("links to the session's dashboard page and names an app id", async () => {
    const r = await strict.wire.post("/mcp/getMcpResource", { sessionId: sid });
    expect(r.body.data.sessionId).toBe(sid);
    expect(r.body.data.resourceUrl).toBe(`${DASHBOARD}/sessions/${encodeURIComponent(sid)}`);
    expect(r.body.data.desktopInfo.appId).toBe("agb-code-space-2");
    expect(r.body.data.desktopInfo.resourceId).toBeTruthy();
    // no dashboard beside the plain runtime: an empty resourceUrl, not a made-up one
    const p = await plain.wire.post("/mcp/getMcpResource", { sessionId: plainSid });
    expect(p.body.data.resourceUrl).toBe("");
    expect(p.body.data.desktopInfo.appId).toBe("agb-code-space-2");
  });
});

describe("simulated latency", () => {
  it("delays every answer by at least AGB_RUNTIME_LATENCY_MS", async () => {
    // A lower bound on a delay the runtime adds itself: holds on any machine, however slow.
    for (const call of [
      () => plain.wire.withKey(null).get("/health"),
      () => plain.wire.list(),
      () => plain.wire.get("/no/such/path"),
    ]) {
      const t0 = performance.now();
      await call();
      expect(performance.now() - t0).toBeGreaterThanOrEqual(LATENCY_MS - 1);
    }
  });
});

describe("throttling on demand (/_control, AGB_RUNTIME_FAULTS=1)", () => {
  it("answers AGB's throttling error for the next N calls, then recovers", async () => {
    expect((await control(strict, "POST", "reset")).status).toBe(200);
    const set = await control(strict, "POST", "throttle", { count: 2 });
    expect(set.body.data).toEqual({ pending: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await strict.wire.list();
      expect(r.status).toBe(429);
      expect(r.body).toMatchObject({ success: false, code: "Throttling", httpStatusCode: 429 });
      expect(r.body.requestId).toBeTruthy();
    }
    expect((await strict.wire.list()).status).toBe(200);
  });

  it("can throttle one path only, as a body code on HTTP 200", async () => {
    await control(strict, "POST", "throttle", { count: 1, as: "code", paths: ["/sdk/GetLabel"] });
    expect((await strict.wire.list()).status).toBe(200);
    const r = await strict.wire.get("/sdk/GetLabel", { sessionId: sid });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: false, code: "Throttling", httpStatusCode: 429 });
    expect((await strict.wire.get("/sdk/GetLabel", { sessionId: sid })).body.success).toBe(true);
  });

  it("counts AGB calls per endpoint", async () => {
    await control(strict, "POST", "reset");
    await strict.wire.list();
    await strict.wire.list();
    await strict.wire.post("/mcp/getSession", { sessionId: sid });
    await strict.wire.withKey(null).get("/health");
    const c = await control(strict, "GET", "calls");
    expect(c.body.data).toEqual({ calls: { "GET /sdk/ListSession": 2, "POST /mcp/getSession": 1 }, total: 3 });
  });

  it("tells the sandbox pool's state", async () => {
    const r = await control(strict, "GET", "pool");
    expect(r.status).toBe(200);
    const { ready, warming, target } = r.body.data;
    for (const n of [ready, warming, target]) expect(Number.isInteger(n) && n >= 0).toBe(true);
    expect((await control(strict, "GET", "pool", undefined, "")).status).toBe(401);
  });

  it("needs its own key, and does not exist unless enabled", async () => {
    expect((await control(strict, "POST", "throttle", { count: 1 }, "")).status).toBe(401);
    expect((await control(strict, "POST", "throttle", { count: 1 }, strict.rt.apiKey)).status).toBe(401);
    expect((await control(strict, "POST", "throttle", { count: 0 })).status).toBe(400);
    expect((await control(plain, "POST", "throttle", { count: 1 }, "anything")).status).toBe(404);
    expect(plain.rt.controlKey).toBe("");
  });
});
