// AGB throttling through the dashboard API, with the strict runtime answering AGB's throttling
// error on demand: a short burst is absorbed by the client's backoff; a longer one reaches the
// browser as 429 `agb_throttled` with Retry-After (never a 5xx), and a throttled edit changed
// nothing, so sending it again is safe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sessionLabels from "@/app/api/sessions/[id]/labels/route";
import * as sessions from "@/app/api/sessions/route";
import { agbCalls, resetCalls, throttleNext } from "./backends";
import { call, json, startApiEnv, type ApiEnv } from "./fixture";

let env: ApiEnv;
let sid: string;
type Err = { error: { code: string; message: string; requestId?: string } };

beforeAll(async () => {
  env = await startApiEnv("throttling", { strict: true, latencyMs: 50, faults: true });
  const res = await call(sessions.POST, {
    method: "POST",
    path: "/api/sessions",
    cookie: env.cookie,
    body: { imageId: "agb-code-space-1", labels: { team: "a" }, idleTimeoutSeconds: 600 },
  });
  expect(res.status).toBe(201);
  sid = (await json<{ sessionId: string }>(res)).sessionId;
});
afterAll(async () => {
  await env?.stop();
});

const list = () => call(sessions.GET, { path: "/api/sessions?page=1&size=10", cookie: env.cookie });
const labels = {
  get: () => call(sessionLabels.GET, { path: `/api/sessions/${sid}/labels`, cookie: env.cookie, params: { id: sid } }),
};
const putLabels = (l: Record<string, string>) =>
  call(sessionLabels.PUT, {
    method: "PUT",
    path: `/api/sessions/${sid}/labels`,
    cookie: env.cookie,
    params: { id: sid },
    body: { labels: l },
  });

describe.each(["http", "code"] as const)("AGB throttling answered as %s", (as) => {
  it("absorbs a short burst: the call is sent again after a jittered wait and succeeds", async () => {
    await resetCalls(env.runtime.rt);
    await throttleNext(env.runtime.rt, 1, { as, paths: ["/sdk/ListSession"] });
    const res = await list();
    expect(res.status).toBe(200);
    expect((await json<{ items: { sessionId: string }[] }>(res)).items.map((i) => i.sessionId)).toContain(sid);
    expect((await agbCalls(env.runtime.rt)).calls["GET /sdk/ListSession"]).toBe(2);
  });

  it("answers 429 agb_throttled with Retry-After and the AGB requestId when AGB keeps limiting", async () => {
    await throttleNext(env.runtime.rt, 50, { as, paths: ["/sdk/ListSession"] });
    const res = await list();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await json<Err>(res);
    expect(body.error.code).toBe("agb_throttled");
    expect(body.error.message).toMatch(/AGB is limiting requests .*try again in \d+ s/);
    expect(body.error.requestId).toBeTruthy();
    await resetCalls(env.runtime.rt);
    expect((await list()).status).toBe(200);
  });

  it("a throttled label edit changes nothing, and the same edit sent again is saved", async () => {
    const before = (await json<{ labels: Record<string, string> }>(await labels.get())).labels;
    await throttleNext(env.runtime.rt, 50, { as, paths: ["/sdk/SetLabel"] });
    const edit = { team: "a", edited: as };
    const refused = await putLabels(edit);
    expect(refused.status).toBe(429);
    expect((await json<{ labels: Record<string, string> }>(await labels.get())).labels).toEqual(before);
    await resetCalls(env.runtime.rt);
    const saved = await putLabels(edit);
    expect(saved.status).toBe(200);
    expect((await json<{ labels: Record<string, string> }>(await labels.get())).labels).toEqual(edit);
  });
});
