import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNotFound, slotHome, startTestRuntime, waitFor, type TestRuntime } from "./helpers";

let t: TestRuntime;
beforeAll(async () => {
  // Test-only minimum of 1 s and a 100 ms sweep keep this file quick.
  t = await startTestRuntime({ idleMinS: 1, reaperIntervalMs: 100 });
});
afterAll(async () => {
  await t?.stop();
});

const alive = async (id: string) => (await t.wire.info(id)).body.success === true;
const releaseTime = async (id: string) =>
  Date.parse((await t.wire.post("/mcp/getSession", { sessionId: id })).body.data.idleReleaseTime);

describe("idle release and keep-alive", () => {
  it("releases an idle session after its timeout; status polling does not count as activity", async () => {
    const id = await t.wire.newSession({ timeout: 2, labels: { idle: "x" } });
    await t.wire.shell(id, "echo mine > ~/idle-marker");
    const due = await releaseTime(id);
    const slotRoot = path.join(t.rt.runtimeDir, "slots");
    // The freed slot may come back at once as a spare disk: its files are what must be gone.
    const markerLeft = () =>
      fs
        .readdirSync(slotRoot)
        .some((s) => fs.existsSync(path.join(slotHome(t.rt.runtimeDir, Number(s)), "idle-marker")));
    expect(markerLeft()).toBe(true);
    // poll getSessionInfo/getSession/labels/list: none of them may move the clock
    while (Date.now() < due - 300) {
      expect(await alive(id)).toBe(true);
      await t.wire.get("/sdk/GetLabel", { sessionId: id });
      await t.wire.list({ labels: { idle: "x" } });
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(await releaseTime(id)).toBe(due);
    await waitFor("idle release", async () => !(await alive(id)), 10_000);
    expect(isNotFound((await t.wire.info(id)).body)).toBe(true);
    expect((await t.wire.list({ labels: { idle: "x" } })).body.count).toBe(0);
    await waitFor("the session's files removed", () => !markerLeft(), 5_000);
  });

  it("keepAlive and tool calls reset the clock; the refreshed session outlives the control", async () => {
    const control = await t.wire.newSession({ imageId: "agb-browser-use-1", timeout: 2 });
    const kept = await t.wire.newSession({ imageId: "agb-browser-use-1", timeout: 2 });
    const byTool = await t.wire.newSession({ timeout: 2 });
    let i = 0;
    while (await alive(control)) {
      expect(await alive(kept)).toBe(true);
      expect(await alive(byTool)).toBe(true);
      const k = await t.wire.post("/mcp/refreshSessionIdleTime", {}, { sessionId: kept });
      expect(k.body.success).toBe(true);
      await t.wire.shell(byTool, "true");
      await new Promise((r) => setTimeout(r, 250));
      if (++i > 60) throw new Error("control session was never released");
    }
    expect(await alive(kept)).toBe(true);
    expect(await alive(byTool)).toBe(true);
    // once left alone, they go too
    await waitFor("kept session release", async () => !(await alive(kept)) && !(await alive(byTool)), 10_000);
    const k2 = await t.wire.post("/mcp/refreshSessionIdleTime", {}, { sessionId: kept });
    expect(isNotFound(k2.body)).toBe(true);
  });

  it("uses the default timeout when none (or 0) is given and validates the range", async () => {
    const r = await t.wire.createSession({ timeout: 0 });
    expect(r.body.data.idleTimeout).toBe(300);
    await t.wire.release(r.body.data.sessionId);
    const low = await t.wire.createSession({ timeout: 0.5 });
    expect(low.status).toBe(400);
    const str = await t.wire.post("/mcp/createSession", { timeout: "60" }, { imageId: "agb-code-space-1" });
    expect(str.status).toBe(400);
    expect(str.body.message).toMatch(/timeout must be a number/);
  });
});

describe("idle release and running calls", () => {
  it("does not release a session while a tool call outlasts its idle timeout", async () => {
    const id = await t.wire.newSession({ timeout: 1 });
    const r = await t.wire.shell(id, "sleep 2.5; echo finished", { timeout_ms: 10_000 });
    expect(r.out.stdout).toBe("finished\n");
    expect(await alive(id)).toBe(true);
    await waitFor("release after the call", async () => !(await alive(id)), 10_000);
  });
});
