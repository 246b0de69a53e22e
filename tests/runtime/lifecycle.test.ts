/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies are checked field by field */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNotFound, slotHome, startTestRuntime, waitFor, type TestRuntime, slotOfUid } from "./helpers";

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(async () => {
  await t?.stop();
});

describe("session lifecycle", () => {
  it("creates a session with the envelope, toolList as a JSON string, wsUrl + token and an empty linkUrl", async () => {
    const r = await t.wire.createSession({ imageId: "agb-code-space-2", labels: { env: "test" }, timeout: 120 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, code: "OK", httpStatusCode: 200 });
    expect(r.body.requestId).toBeTruthy();
    expect(r.headers.get("x-request-id")).toBe(r.body.requestId);
    const d = r.body.data;
    expect(d.sessionId).toMatch(/^s-[0-9a-f]{20}$/);
    expect(d.linkUrl).toBe("");
    expect(d.token.length).toBeGreaterThan(20);
    expect(d.wsUrl).toBe(`ws://127.0.0.1:${t.rt.port}/ws?sessionId=${d.sessionId}`);
    expect(typeof d.toolList).toBe("string");
    expect(JSON.parse(d.toolList).map((x: any) => x.name)).toContain("shell");
    expect(d).toMatchObject({
      imageId: "agb-code-space-2",
      idleTimeout: 120,
      labels: { env: "test" },
      sandboxed: true,
    });
    await t.wire.release(d.sessionId);
  });

  it("get/getSession/getSessionInfo/getMcpResource answer for a live session with the dashboard's extension fields", async () => {
    const id = await t.wire.newSession({ labels: { a: "1" }, timeout: 300 });
    const g = await t.wire.post("/mcp/getSession", { sessionId: id });
    expect(g.body.success).toBe(true);
    const d = g.body.data;
    expect(d).toMatchObject({
      sessionId: id,
      status: "RUNNING",
      imageId: "agb-code-space-2",
      idleTimeout: 300,
      labels: { a: "1" },
      sandboxed: true,
    });
    expect(d.appInstanceId).toBeTruthy();
    expect(d.resourceId).toBeTruthy();
    for (const k of ["createTime", "lastActivityTime", "idleReleaseTime"])
      expect(new Date(d[k]).toISOString()).toBe(d[k]);
    expect(Date.parse(d.idleReleaseTime) - Date.parse(d.lastActivityTime)).toBe(300_000);

    const i = await t.wire.info(id);
    expect(i.body).toMatchObject({ success: true, data: { status: "RUNNING" } });
    const m = await t.wire.post("/mcp/getMcpResource", { sessionId: id });
    expect(m.body).toMatchObject({ success: true, data: { sessionId: id } });
    await t.wire.release(id);
  });

  it("release makes the id not found everywhere, removes its files and frees it for good", async () => {
    const id = await t.wire.newSession();
    const sh = await t.wire.shell(id, "echo keep > ~/f.txt && echo ok");
    expect(sh.out.stdout).toBe("ok\n");
    const before = JSON.parse(fs.readFileSync(path.join(t.rt.runtimeDir, "endpoint.json"), "utf8"));
    expect(before.pid).toBe(process.pid);
    const uid = Number((await t.wire.shell(id, "id -u")).out.stdout.trim());
    const homeFile = path.join(slotHome(t.rt.runtimeDir, slotOfUid(uid)), "f.txt");
    expect(fs.readFileSync(homeFile, "utf8")).toBe("keep\n");

    const rel = await t.wire.release(id);
    expect(rel.status).toBe(200);
    expect(rel.body.success).toBe(true);
    const info = await t.wire.info(id);
    expect(info.status).toBe(200);
    expect(isNotFound(info.body)).toBe(true);
    expect(info.body).toMatchObject({
      code: "InvalidMcpSession.NotFound",
      httpStatusCode: 400,
      message: `Session ${id} not found`,
    });
    expect(info.body.requestId).toBeTruthy();
    for (const [p, body, query] of [
      ["/mcp/getSession", { sessionId: id }, undefined],
      ["/mcp/getMcpResource", { sessionId: id }, undefined],
      ["/mcp/refreshSessionIdleTime", {}, { sessionId: id }],
      ["/sdk/SetLabel", undefined, { sessionId: id, Labels: '{"a":"b"}' }],
    ] as const) {
      const r = await t.wire.post(p, body, query as any);
      expect(isNotFound(r.body), p).toBe(true);
    }
    expect(isNotFound((await t.wire.get("/sdk/GetLabel", { sessionId: id })).body)).toBe(true);
    const call = await t.wire.shell(id, "echo test");
    expect(call.res.body.success).toBe(false);
    expect(isNotFound(call.res.body)).toBe(true);
    expect(call.res.body.data).toEqual({});
    const list = await t.wire.listAll({}, 100);
    expect(list.ids).not.toContain(id);
    // a second delete only needs a requestId
    const again = await t.wire.release(id);
    expect(again.body.requestId).toBeTruthy();
    // the sandbox's files are deleted
    await waitFor("slot files removed", () => !fs.existsSync(homeFile));
  });

  it("get of an unknown id fails with a not-found message", async () => {
    const r = await t.wire.post("/mcp/getSession", { sessionId: "session-nonexistent-12345" });
    expect(r.body.success).toBe(false);
    expect(r.body.message).toContain("not found");
  });

  it("list includes the new session first (newest first) and honours maxResults", async () => {
    const a = await t.wire.newSession();
    const b = await t.wire.newSession();
    const r = await t.wire.list({ maxResults: 10 });
    expect(r.status).toBe(200);
    expect(r.body.data[0].sessionId).toBe(b);
    expect(r.body.data[1].sessionId).toBe(a);
    expect(r.body.data[0].sessionStatus).toBe("RUNNING");
    const one = await t.wire.list({ maxResults: 1 });
    expect(one.body.data).toHaveLength(1);
    expect(one.body.maxResults).toBe(1);
    expect(one.body.nextToken).toBeTruthy();
    await t.wire.release(a);
    await t.wire.release(b);
  });

  it("refuses an unknown image with the list of valid ones, and out-of-range timeouts", async () => {
    const r = await t.wire.createSession({ imageId: "agb-nope-9" });
    expect(r.status).toBe(400);
    expect(r.body.success).toBe(false);
    expect(r.body.message).toContain("agb-code-space-1, agb-code-space-2, agb-browser-use-1");
    const noImage = await t.wire.post("/mcp/createSession", {});
    expect(noImage.status).toBe(400);
    expect(noImage.body.message).toMatch(/imageId is required/);
    const big = await t.wire.createSession({ timeout: 86_401 });
    expect(big.status).toBe(400);
    expect(big.body.message).toMatch(/timeout must be between/);
  });

  it("keepAlive succeeds on a live session and moves the release time", async () => {
    const id = await t.wire.newSession({ timeout: 600 });
    const before = (await t.wire.post("/mcp/getSession", { sessionId: id })).body.data.idleReleaseTime;
    await new Promise((r) => setTimeout(r, 20));
    const k = await t.wire.post("/mcp/refreshSessionIdleTime", {}, { sessionId: id });
    expect(k.status).toBe(200);
    expect(k.body.success).toBe(true);
    const after = (await t.wire.post("/mcp/getSession", { sessionId: id })).body.data.idleReleaseTime;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    await t.wire.release(id);
  });

  it("lists tools per image as a JSON string; browser tools answer a clear error", async () => {
    const r = await t.wire.post("/mcp/listTools", {}, { imageId: "agb-code-space-2" });
    expect(r.body.success).toBe(true);
    expect(typeof r.body.data).toBe("string");
    const tools = JSON.parse(r.body.data);
    expect(tools.map((x: any) => x.name)).toContain("shell");
    expect(tools[0]).toHaveProperty("inputSchema");
    expect(tools.map((x: any) => x.name)).not.toContain("screenshot");
    const bad = await t.wire.post("/mcp/listTools", {}, { imageId: "nope" });
    expect(bad.status).toBe(400);

    const id = await t.wire.newSession({ imageId: "agb-browser-use-1", timeout: 60 });
    const shot = await t.wire.callTool(id, "screenshot", {});
    expect(shot.body.success).toBe(true);
    expect(shot.body.message).toBe("");
    expect(shot.body.data.isError).toBe(true);
    expect(shot.body.data.content[0].text).toMatch(/not available in the embedded runtime/);
    const sh = await t.wire.shell(id, "echo from-browser-image");
    expect(sh.out.stdout).toBe("from-browser-image\n");
    const cdp = await t.wire.post("/internet/getCdpLink", {}, { sessionId: id });
    expect(cdp.body.success).toBe(false);
    expect(cdp.body.message).toMatch(/not available in the embedded runtime/);
    await t.wire.release(id);
  });

  it("getLink answers honestly, context stubs answer, health and images are served", async () => {
    const id = await t.wire.newSession();
    for (const q of [
      {},
      { protocolType: "https" },
      { protocolType: "https", port: 8080 },
      { protocolType: "https", port: 65535 },
    ]) {
      const r = await t.wire.get("/internet/getLink", { sessionId: id, ...q });
      expect(r.body.success).toBe(true);
      expect(r.body.data.url).toBe(t.rt.url);
      expect(r.body.requestId).toBeTruthy();
    }
    const lc = await t.wire.get("/sdk/ListContexts", { maxResults: 2 });
    expect(lc.status).toBe(200);
    expect(lc.body).toMatchObject({ success: true, data: [] });
    const sync = await t.wire.request("POST", "/sdk/SyncContext", { query: { sessionId: id } }); // no body at all
    expect(sync.body.success).toBe(true);
    const ci = await t.wire.get("/sdk/GetContextInfo", { sessionId: id });
    expect(ci.body.success).toBe(true);
    const gc = await t.wire.request("POST", "/sdk/DeleteContext", { query: { id: "x" } });
    expect(gc.body.success).toBe(false);
    expect(gc.body.message).toMatch(/not supported/);

    const h = await t.wire.withKey(null).get("/health");
    expect(h.body.ok).toBe(true);
    const imgs = await t.wire.get("/local/images");
    expect(imgs.body.data.images.map((i: any) => i.id)).toEqual([
      "agb-code-space-1",
      "agb-code-space-2",
      "agb-browser-use-1",
    ]);
    expect(imgs.body.data.idleTimeout).toEqual({ min: 10, max: 86400, default: 300 });
    await t.wire.release(id);
  });
});
