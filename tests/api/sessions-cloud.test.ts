// The sessions list and session page against both backends, counting the AGB calls the runtime
// receives: one ListSession per page (no per-row calls), labels from the cache (filled at once by
// list items on the embedded runtime, by GetLabel with AGB), polls at ≤ 2 calls on average, the
// dashboard's own edits seen at once, and paging with the cursor carried by the client.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAgbClient, type AgbClient } from "@/lib/agb/client";
import { labelsCache, REFRESH_AFTER_MS } from "@/lib/server/labels/cache";
import { sessionLabels } from "@/lib/server/labels/many";
import { replaceLabels } from "@/lib/server/labels/ops";
import { getSessionDetail } from "@/lib/server/sessions/detail";
import { listSessions } from "@/lib/server/sessions/list";
import { createSession, deleteSession } from "@/lib/server/sessions/ops";
import { pMap } from "@/lib/server/util/pmap";
import { startTestRuntime, tempDataDir, type TestRuntime } from "../runtime/helpers";
import { agbCalls, BACKENDS, resetCalls } from "./backends";

const SESSIONS = 23;
const FILTER = { suite: "list" };
const IMAGE = "agb-code-space-1";

describe.each(BACKENDS)("$mode backend", ({ mode, opts }) => {
  let env: TestRuntime;
  /** The dashboard's client, and another one standing for an SDK user editing elsewhere. */
  let agb: AgbClient;
  let elsewhere: AgbClient;
  let clock = Date.now();
  /** Matching session ids, newest first, and their labels as created. */
  let ids: string[] = [];
  const created = new Map<string, Record<string, string>>();
  const strict = mode === "strict";
  const page = (n: number, cursor?: string) => listSessions(agb, { labels: FILTER, page: n, size: 10, cursor });

  beforeAll(async () => {
    env = await startTestRuntime({ dataDir: tempDataDir(`cloud-list-${mode}`), reaperIntervalMs: 500, ...opts });
    const client = () => createAgbClient({ endpoint: env.rt.url, apiKey: env.rt.apiKey });
    agb = client();
    elsewhere = client();
    labelsCache(agb, { now: () => clock });
    await pMap(
      Array.from({ length: SESSIONS }, (_, i) => i),
      4,
      async (i) => {
        const labels = { ...FILTER, n: String(i) };
        const s = await elsewhere.createSession({ imageId: IMAGE, labels, idleTimeoutS: 900 });
        created.set(s.sessionId, labels);
      },
    );
    ids = (await elsewhere.listSessionsPage({ labels: FILTER, maxResults: 100 })).sessionIds;
    expect(ids).toHaveLength(SESSIONS);
  });
  afterAll(async () => {
    agb?.close();
    elsewhere?.close();
    await env?.stop();
  });

  it("shows ids and statuses after one AGB call, then fills in the labels", async () => {
    await resetCalls(env.rt);
    const p1 = await page(1);
    const atAnswer = await agbCalls(env.rt);
    expect(atAnswer.calls["GET /sdk/ListSession"]).toBe(1);
    expect(atAnswer.calls["POST /mcp/getSession"]).toBeUndefined();
    expect(p1.items.map((r) => r.sessionId)).toEqual(ids.slice(0, 10));
    expect(p1.items.every((r) => r.status === "RUNNING")).toBe(true);
    expect(p1).toMatchObject({ total: SESSIONS, pageCount: 3, cursor: null });
    expect(p1.nextCursor).toBeTruthy();
    if (strict) {
      // AGB's list carries no labels, image or times: unknown, not guessed.
      expect(p1.items.every((r) => r.labels === null && r.imageId === null && r.createdAt === null)).toBe(true);
      const got = await sessionLabels(agb, ids.slice(0, 10));
      expect(got).toEqual({
        labels: Object.fromEntries(ids.slice(0, 10).map((id) => [id, created.get(id)])),
        gone: [],
      });
      // The background fetch started by the list and the browser's request share their GetLabel calls.
      expect((await agbCalls(env.rt)).calls["GET /sdk/GetLabel"]).toBe(10);
      // Now the list answers carry them.
      expect((await page(1)).items.map((r) => r.labels)).toEqual(ids.slice(0, 10).map((id) => created.get(id)));
    } else {
      expect(p1.items.map((r) => r.labels)).toEqual(ids.slice(0, 10).map((id) => created.get(id)));
      expect(p1.items.every((r) => r.imageId === IMAGE && r.createdAt)).toBe(true);
      await labelsCache(agb).settled();
      expect((await agbCalls(env.rt)).calls["GET /sdk/GetLabel"]).toBeUndefined();
    }
  });

  it("costs at most 2 AGB calls per poll on average in steady state, refreshing labels in the background", async () => {
    await page(1);
    await labelsCache(agb).settled();
    await resetCalls(env.rt);
    const polls = 30;
    for (let i = 0; i < polls; i++) {
      clock += 5_000; // the page's poll interval
      const r = await page(1);
      expect(r.items.every((row) => row.labels !== null)).toBe(true);
      await labelsCache(agb).settled();
    }
    const { calls, total } = await agbCalls(env.rt);
    expect(calls["GET /sdk/ListSession"]).toBe(polls);
    expect(total / polls).toBeLessThanOrEqual(2);
    // 150 s of polling outlives REFRESH_AFTER_MS: AGB's labels were re-read, one row per poll at most.
    expect(polls * 5_000).toBeGreaterThan(REFRESH_AFTER_MS);
    if (strict) expect(calls["GET /sdk/GetLabel"]).toBeGreaterThan(0);
    else expect(calls["GET /sdk/GetLabel"]).toBeUndefined();
  });

  it("shows the dashboard's own label edits, creates and deletes at once, without GetLabel", async () => {
    const id = ids[0];
    await replaceLabels(agb, id, { ...FILTER, n: "edited" });
    await resetCalls(env.rt);
    expect((await page(1)).items.find((r) => r.sessionId === id)?.labels).toEqual({ ...FILTER, n: "edited" });

    const made = await createSession(agb, { imageId: IMAGE, labels: { ...FILTER, n: "new" }, idleTimeoutSeconds: 600 });
    await resetCalls(env.rt);
    const withNew = await page(1);
    expect(withNew.items[0]).toMatchObject({ sessionId: made.sessionId, labels: { ...FILTER, n: "new" } });
    await labelsCache(agb).settled();
    expect((await agbCalls(env.rt)).calls["GET /sdk/GetLabel"]).toBeUndefined();

    await deleteSession(agb, made.sessionId);
    expect(labelsCache(agb).peek(made.sessionId)).toBeUndefined();
    expect((await page(1)).items.map((r) => r.sessionId)).not.toContain(made.sessionId);
  });

  it("shows an edit made elsewhere once the background refresh reaches it", async () => {
    const id = ids[1];
    await elsewhere.setLabels(id, { ...FILTER, n: "elsewhere" });
    const labelsOf = async () => (await page(1)).items.find((r) => r.sessionId === id)?.labels;
    if (!strict) {
      expect(await labelsOf()).toEqual({ ...FILTER, n: "elsewhere" }); // list items carry labels
      return;
    }
    expect(await labelsOf()).toEqual(created.get(id)); // cached until refreshed
    let polls = 0;
    for (; polls < 40; polls++) {
      clock += 5_000;
      await page(1);
      await labelsCache(agb).settled();
      if ((await labelsOf())?.n === "elsewhere") break;
    }
    expect(polls).toBeLessThan(40);
  });

  it("serves page N on any instance from the client's cursor; without one, walks from page 1 within a bound", async () => {
    const p1 = await page(1);
    // Another dashboard instance: a fresh module and its own client share nothing with the first.
    vi.resetModules();
    const other = await import("@/lib/server/sessions/list");
    const client = (await import("@/lib/agb/client")).createAgbClient({ endpoint: env.rt.url, apiKey: env.rt.apiKey });
    try {
      const list = (n: number, cursor?: string, walk = false) =>
        other.listSessions(client, { labels: FILTER, page: n, size: 10, cursor, walk });
      const otherCache = (await import("@/lib/server/labels/cache")).labelsCache(client);
      // Read on the way to a later page (the browser's walk): no labels are fetched for it.
      await resetCalls(env.rt);
      expect((await list(2, p1.nextCursor!, true)).items.map((r) => r.sessionId)).toEqual(ids.slice(10, 20));
      await otherCache.settled();
      expect((await agbCalls(env.rt)).calls).toEqual({ "GET /sdk/ListSession": 1 });

      await resetCalls(env.rt);
      const p2 = await list(2, p1.nextCursor!);
      expect((await agbCalls(env.rt)).calls["GET /sdk/ListSession"]).toBe(1);
      expect(p2.items.map((r) => r.sessionId)).toEqual(ids.slice(10, 20));
      expect(p2.cursor).toBe(p1.nextCursor);
      // Shown, the same page's labels are fetched (AGB's list items carry none).
      await otherCache.settled();
      expect((await agbCalls(env.rt)).calls["GET /sdk/GetLabel"]).toBe(strict ? 10 : undefined);

      await resetCalls(env.rt);
      const p3 = await list(3);
      expect((await agbCalls(env.rt)).calls["GET /sdk/ListSession"]).toBe(3);
      expect(p3.items.map((r) => r.sessionId)).toEqual(ids.slice(20));
      expect(p3.nextCursor).toBeNull();
      // Polling page 3 again with its own cursor is one call.
      await resetCalls(env.rt);
      expect((await list(3, p3.cursor!)).items.map((r) => r.sessionId)).toEqual(ids.slice(20));
      expect((await agbCalls(env.rt)).calls["GET /sdk/ListSession"]).toBe(1);

      expect(await list(9)).toMatchObject({ items: [], total: SESSIONS, pageCount: 3, nextCursor: null });
      await expect(list(22)).rejects.toMatchObject({ status: 422, code: "page_too_far" });
      await expect(list(2, "not-a-cursor-agb-gave")).rejects.toMatchObject({ status: 409, code: "cursor_expired" });
    } finally {
      client.close();
    }
  });

  it("loads the session page with its AGB calls in parallel, labels included", async () => {
    const id = ids[2];
    await getSessionDetail(agb, id); // learns whether getSession carries labels
    await resetCalls(env.rt);
    const d = await getSessionDetail(agb, id);
    expect(d).toMatchObject({ sessionId: id, status: "RUNNING", labels: created.get(id) });
    const { calls, total } = await agbCalls(env.rt);
    // AGB: getSession and GetLabel side by side; the embedded runtime's getSession carries labels.
    expect(calls).toEqual(
      strict ? { "POST /mcp/getSession": 1, "GET /sdk/GetLabel": 1 } : { "POST /mcp/getSession": 1 },
    );
    expect(total).toBe(strict ? 2 : 1);
  });
});
