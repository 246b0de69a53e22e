// Sends well over 1,000 generated bad inputs across the routes, logged in, against the real
// runtime: no answer may be >= 500 and every error body must carry a message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as labelsBulk from "@/app/api/labels/bulk/route";
import * as login from "@/app/api/auth/login/route";
import * as code from "@/app/api/sessions/[id]/code/route";
import * as interrupt from "@/app/api/sessions/[id]/code/interrupt/route";
import * as command from "@/app/api/sessions/[id]/command/route";
import * as stream from "@/app/api/sessions/[id]/code/stream/route";
import * as download from "@/app/api/sessions/[id]/files/download/route";
import * as info from "@/app/api/sessions/[id]/info/route";
import * as metrics from "@/app/api/sessions/[id]/metrics/route";
import * as content from "@/app/api/sessions/[id]/files/content/route";
import * as mkdir from "@/app/api/sessions/[id]/files/mkdir/route";
import * as move from "@/app/api/sessions/[id]/files/move/route";
import * as files from "@/app/api/sessions/[id]/files/route";
import * as search from "@/app/api/sessions/[id]/files/search/route";
import * as upload from "@/app/api/sessions/[id]/files/upload/route";
import * as sessionLabels from "@/app/api/sessions/[id]/labels/route";
import * as session from "@/app/api/sessions/[id]/route";
import * as keepAlive from "@/app/api/sessions/[id]/keep-alive/route";
import * as bulkDelete from "@/app/api/sessions/bulk-delete/route";
import * as ids from "@/app/api/sessions/ids/route";
import * as sessions from "@/app/api/sessions/route";
import { resetRateLimits } from "@/lib/server/auth/rate-limit";
import { call, json, startApiEnv, type ApiEnv, type CallOpts } from "./fixture";

// Deterministic PRNG (mulberry32) so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261126);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "../../etc/passwd",
  "/",
  "//",
  "a".repeat(5000),
  "%00",
  "${x}",
  "'; drop table",
  "\ud800",
  "😀",
  "<script>",
  "relative",
  "/tmp/\u0000x",
  "-1",
  "1e309",
  "NaN",
  "null",
  "{}",
  "[]",
  "k:",
  ":v",
  "::",
  "a:b:c",
];
function badValue(depth = 0): unknown {
  const r = rand();
  if (r < 0.15) return pick(NASTY_STRINGS);
  if (r < 0.25) return pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1e6]);
  if (r < 0.32) return pick([null, true, false]);
  if (r < 0.4 && depth < 3) return Array.from({ length: Math.floor(rand() * 4) }, () => badValue(depth + 1));
  if (r < 0.5 && depth < 3)
    return Object.fromEntries(
      Array.from({ length: Math.floor(rand() * 4) }, () => [pick(NASTY_STRINGS), badValue(depth + 1)]),
    );
  return pick(NASTY_STRINGS);
}

/** A valid body with one field replaced by a bad value, a field dropped, or everything random. */
function mutate(valid: Record<string, unknown>): unknown {
  const r = rand();
  if (r < 0.2) return badValue();
  const keys = Object.keys(valid);
  const out: Record<string, unknown> = { ...valid };
  const k = pick(keys);
  if (r < 0.35) delete out[k];
  else out[k] = badValue();
  if (rand() < 0.2) out[pick(NASTY_STRINGS)] = badValue();
  return out;
}

type Handler = Parameters<typeof call>[0];
interface Target {
  h: Handler;
  method: string;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
}

let env: ApiEnv;
let sid: string;
beforeAll(async () => {
  env = await startApiEnv("fuzz");
  sid = (
    await json<{ sessionId: string }>(
      await call(sessions.POST, {
        method: "POST",
        path: "/api/sessions",
        cookie: env.cookie,
        body: { imageId: "agb-code-space-1", idleTimeoutSeconds: 600 },
      }),
    )
  ).sessionId;
});
afterAll(async () => {
  await env?.stop();
});

const targets = (): Target[] => [
  { h: sessions.GET, method: "GET", query: { page: "1", size: "10", label: "a:b" } },
  { h: ids.GET, method: "GET", query: { label: "a:b" } },
  {
    h: sessions.POST,
    method: "POST",
    body: { imageId: "agb-code-space-1", labels: { a: "b" }, idleTimeoutSeconds: 60 },
  },
  { h: bulkDelete.POST, method: "POST", body: { sessionIds: ["s-x"] } },
  { h: labelsBulk.POST, method: "POST", body: { sessionIds: ["s-x"], set: { a: "b" }, remove: ["c"] } },
  { h: sessionLabels.PUT, method: "PUT", body: { labels: { a: "b" } } },
  { h: code.POST, method: "POST", body: { language: "python", code: "1", timeoutS: 5 } },
  { h: interrupt.POST, method: "POST", body: { language: "python" } },
  { h: command.POST, method: "POST", body: { command: "true", timeoutMs: 1000, envs: { A: "b" } } },
  { h: content.PUT, method: "PUT", body: { path: "/tmp/fz.txt", content: "x", mode: "overwrite" } },
  { h: mkdir.POST, method: "POST", body: { path: "/tmp/fz" } },
  { h: move.POST, method: "POST", body: { source: "/tmp/fz-a", destination: "/tmp/fz-b" } },
  { h: files.GET, method: "GET", query: { path: "/tmp" } },
  { h: files.DELETE, method: "DELETE", query: { path: "/tmp/fz-none" } },
  { h: content.GET, method: "GET", query: { path: "/tmp/fz.txt", offset: "0", length: "10" } },
  { h: search.GET, method: "GET", query: { path: "/tmp", pattern: "fz" } },
  { h: upload.POST, method: "POST", query: { dir: "/tmp" } },
  { h: session.GET, method: "GET" },
  { h: stream.POST, method: "POST", body: { language: "python", code: "1", timeoutS: 5 } },
  { h: download.GET, method: "GET", query: { path: "/tmp/fz.txt" } },
  { h: info.GET, method: "GET" },
  { h: metrics.GET, method: "GET" },
  { h: keepAlive.POST, method: "POST" },
  { h: login.POST, method: "POST", body: { password: "x" } },
];

function generate(t: Target): CallOpts {
  const r = rand();
  const id = rand() < 0.7 ? sid : String(pick(NASTY_STRINGS));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(t.query ?? {})) {
    const mode = rand();
    if (mode < 0.4) q.set(k, String(badValue()));
    else if (mode < 0.55) continue;
    else q.set(k, v);
  }
  if (rand() < 0.2) q.append("label", String(pick(NASTY_STRINGS)));
  const o: CallOpts = { method: t.method, path: `/api/fuzz?${q}`, cookie: env.cookie, params: { id } };
  if (t.method !== "GET") {
    if (t.h === upload.POST) {
      if (r < 0.5) o.rawBody = pick(["", "--zz\r\n", "garbage", "--zz--"]);
      else {
        const f = new FormData();
        f.append("files", new File(["x"], String(pick(NASTY_STRINGS)) || "x"));
        f.append(String(pick(NASTY_STRINGS)), String(pick(NASTY_STRINGS)));
        o.rawBody = f;
      }
      if (!(o.rawBody instanceof FormData))
        o.headers = { "content-type": pick(["multipart/form-data; boundary=zz", "text/plain", "application/json"]) };
    } else if (r < 0.1) {
      o.rawBody = pick(["{", "[1,", "nul", "\u0000", '{"a":}', "{}}", "'x'"]);
      o.headers = { "content-type": "application/json" };
    } else o.body = t.body ? mutate(t.body) : badValue();
  }
  return o;
}

describe("fuzz", () => {
  it("answers 1,500 generated inputs (over 1,000 of them bad) without a 5xx, always with an error message", async () => {
    const ts = targets();
    const failures: string[] = [];
    let errors = 0;
    for (let i = 0; i < 1_500; i++) {
      const t = ts[i % ts.length];
      const o = generate(t);
      if (t.h === login.POST) await resetRateLimits();
      const res = await call(t.h, o);
      if (res.status >= 400) {
        errors++;
        const text = await res.text();
        let msg: unknown;
        try {
          msg = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
        } catch {
          msg = undefined;
        }
        if (typeof msg !== "string" || msg.length === 0)
          failures.push(`#${i} ${t.method} ${res.status}: no error message in ${text.slice(0, 200)}`);
      } else await res.arrayBuffer(); // drains streams and downloads too
      if (res.status >= 500)
        failures.push(
          `#${i} ${t.method} ${o.path} id=${String(o.params?.id).slice(0, 40)} body=${JSON.stringify(o.body ?? o.rawBody ?? null).slice(0, 200)} → ${res.status}`,
        );
    }
    expect(failures).toEqual([]);
    expect(errors).toBeGreaterThan(1_000);
  }, 300_000);
});
