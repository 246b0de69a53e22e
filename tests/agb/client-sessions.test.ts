// Contract tests of lib/agb's session, label and list calls against the real embedded runtime.
import { describe, expect, it } from "vitest";
import type { AgbClient } from "@/lib/agb/client";
import { rejection, withTestClient } from "./runtime-fixture";

let agb: AgbClient;
const created: string[] = [];

withTestClient("agb-sessions", 30_000, (c) => {
  agb = c;
});

async function create(labels: Record<string, string> = {}) {
  const s = await agb.createSession({ imageId: "agb-code-space-1", labels, idleTimeoutS: 600 });
  created.push(s.sessionId);
  return s;
}

describe("sessions", () => {
  it("creates a session with labels and reads it back, keeping requestIds", async () => {
    const s = await create({ team: "core", env: "test" });
    expect(s.sessionId).toBeTruthy();
    expect(s.requestId).toBeTruthy();
    const got = await agb.getSession(s.sessionId);
    expect(got.requestId).toBeTruthy();
    expect(got.data.sessionId).toBe(s.sessionId);
    expect(got.data.appInstanceId).toBeTruthy();
    expect(got.data.imageId).toBe("agb-code-space-1");
    expect(got.data.labels).toEqual({ team: "core", env: "test" });
    expect(got.data.idleTimeout).toBe(600);
    expect(Date.parse(got.data.idleReleaseTime ?? "")).toBeGreaterThan(Date.parse(got.data.createTime ?? ""));
    expect((await agb.getSessionStatus(s.sessionId)).status).toBe("RUNNING");
    expect((await agb.getSessionResource(s.sessionId)).data.sessionId).toBe(s.sessionId);
  });

  it("rejects an empty imageId or sessionId client-side, without a request", async () => {
    expect((await rejection(agb.createSession({ imageId: "  " }))).kind).toBe("invalid_input");
    expect((await rejection(agb.getSession(" "))).message).toMatch(/sessionId is required/);
  });

  it("reports an unknown image as invalid input with the backend's requestId", async () => {
    const e = await rejection(agb.createSession({ imageId: "no-such-image" }));
    expect(e.kind).toBe("invalid_input");
    expect(e.message).toMatch(/no-such-image/);
    expect(e.requestId).toBeTruthy();
  });

  it("maps unknown sessions to not_found on every call", async () => {
    const id = "s-does-not-exist-12345";
    const calls = [
      () => agb.getSession(id),
      () => agb.getSessionStatus(id),
      () => agb.getSessionResource(id),
      () => agb.keepAlive(id),
      () => agb.getLabels(id),
      () => agb.setLabels(id, { a: "b" }),
      () => agb.releaseSession(id),
      () => agb.callTool(id, "shell", { command: "echo x", timeout_ms: 1000 }),
    ];
    for (const call of calls) {
      const e = await rejection(call());
      expect(e.kind).toBe("not_found");
      expect(e.requestId).toBeTruthy();
    }
  });

  it("keeps a session alive and releases it; a released session is not found", async () => {
    const s = await create();
    expect((await agb.keepAlive(s.sessionId)).requestId).toBeTruthy();
    expect((await agb.releaseSession(s.sessionId)).requestId).toBeTruthy();
    expect(await agb.waitReleased(s.sessionId, { timeoutMs: 10_000 })).toBe(true);
    expect((await rejection(agb.getSession(s.sessionId))).kind).toBe("not_found");
  });
});

describe("labels", () => {
  it("replaces labels with SetLabel and reads them with GetLabel", async () => {
    const s = await create({ key1: "old" });
    await agb.setLabels(s.sessionId, { key1: "new", key2: "added" });
    expect((await agb.getLabels(s.sessionId)).labels).toEqual({ key1: "new", key2: "added" });
    await agb.setLabels(s.sessionId, {});
    expect((await agb.getLabels(s.sessionId)).labels).toEqual({});
  });

  it("rejects blank keys and values client-side", async () => {
    expect((await rejection(agb.setLabels("s-x", { "": "v" }))).kind).toBe("invalid_input");
    expect((await rejection(agb.setLabels("s-x", { k: " " }))).kind).toBe("invalid_input");
  });

  it("passes values with spaces, quotes and unicode through the JSON-in-query encoding", async () => {
    const s = await create();
    const labels = { "sp ace": "a b+c", quote: `it's "x"`, uni: "ünï €", colon: "a:b,c$" };
    await agb.setLabels(s.sessionId, labels);
    expect((await agb.getLabels(s.sessionId)).labels).toEqual(labels);
  });
});

describe("list", () => {
  it("filters by labels, honours maxResults and walks nextToken to exactly count ids", async () => {
    const tag = `t${Date.now()}`;
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ listTest: tag, parity: i % 2 ? "odd" : "even" })).sessionId);
    const first = await agb.listSessionsPage({ labels: { listTest: tag }, maxResults: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.sessionIds.length).toBe(2);
    expect(first.requestId).toBeTruthy();
    const walked = [...first.sessionIds];
    let token = first.nextToken;
    while (token) {
      const page = await agb.listSessionsPage({ labels: { listTest: tag }, maxResults: 2, nextToken: token });
      walked.push(...page.sessionIds);
      token = page.nextToken;
    }
    expect(new Set(walked)).toEqual(new Set(ids));
    expect(walked.length).toBe(5);
    const even = await agb.listSessionsPage({ labels: { listTest: tag, parity: "even" }, maxResults: 10 });
    expect(even.totalCount).toBe(3);
    expect((await agb.listSessionsPage({ labels: { nonexistent: tag } })).totalCount).toBe(0);
  });
});

describe("images", () => {
  it("lists the runtime's image catalogue", async () => {
    const r = await agb.listLocalImages();
    expect(r.images.map((i) => i.id)).toContain("agb-code-space-2");
    expect(r.idleTimeout?.max).toBeGreaterThan(0);
  });
});
