// Route handlers for login, sessions, labels and images against the real runtime.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as logout from "@/app/api/auth/logout/route";
import * as health from "@/app/api/health/route";
import * as images from "@/app/api/images/route";
import * as labelsBulk from "@/app/api/labels/bulk/route";
import * as labelsKnown from "@/app/api/labels/known/route";
import * as session from "@/app/api/sessions/[id]/route";
import * as info from "@/app/api/sessions/[id]/info/route";
import * as keepAlive from "@/app/api/sessions/[id]/keep-alive/route";
import * as sessionLabels from "@/app/api/sessions/[id]/labels/route";
import * as bulkDelete from "@/app/api/sessions/bulk-delete/route";
import * as ids from "@/app/api/sessions/ids/route";
import * as sessions from "@/app/api/sessions/route";
import { resetRateLimits } from "@/lib/server/auth/rate-limit";
import { call, json, PASSWORD, startApiEnv, type ApiEnv } from "./fixture";

let env: ApiEnv;
beforeAll(async () => {
  env = await startApiEnv("routes-sessions");
});
afterAll(async () => {
  await env?.stop();
});

type Err = {
  error: { code: string; message: string; requestId?: string; issues?: { path: string; message: string }[] };
};

async function createSession(labels: Record<string, string> = {}) {
  const res = await call(sessions.POST, {
    method: "POST",
    path: "/api/sessions",
    cookie: env.cookie,
    body: { imageId: "agb-code-space-1", labels, idleTimeoutSeconds: 600 },
  });
  expect(res.status).toBe(201);
  return json<{ sessionId: string; labels: Record<string, string>; requestId: string; imageId: string }>(res);
}

describe("auth", () => {
  it("health is public and names the backend", async () => {
    const res = await call(health.GET, { path: "/api/health" });
    expect(await json(res)).toEqual({ ok: true, backend: "embedded" });
  });

  it("login sets an HttpOnly SameSite=Lax cookie with an expiry; a wrong password is 401", async () => {
    await resetRateLimits();
    const bad = await call(login.POST, { method: "POST", path: "/api/auth/login", body: { password: "nope-nope" } });
    expect(bad.status).toBe(401);
    expect((await json<Err>(bad)).error.code).toBe("wrong_password");
    const ok = await call(login.POST, { method: "POST", path: "/api/auth/login", body: { password: PASSWORD } });
    expect(ok.status).toBe(204);
    const c = ok.headers.get("set-cookie") ?? "";
    expect(c).toMatch(/HttpOnly/i);
    expect(c).toMatch(/SameSite=lax/i);
    expect(c).toMatch(/Expires=/i);
    expect(c).not.toMatch(/Secure/i);
  });

  it("marks the cookie Secure under https", async () => {
    const ok = await call(login.POST, {
      method: "POST",
      path: "/api/auth/login",
      body: { password: PASSWORD },
      headers: { "x-forwarded-proto": "https" },
      origin: "https://dash.test",
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("login is CSRF-protected and validated", async () => {
    expect(
      (
        await call(login.POST, {
          method: "POST",
          path: "/api/auth/login",
          body: { password: PASSWORD },
          origin: "http://evil.test",
        })
      ).status,
    ).toBe(403);
    const r = await call(login.POST, { method: "POST", path: "/api/auth/login", body: {} });
    expect(r.status).toBe(422);
    expect((await json<Err>(r)).error.issues?.[0].path).toBe("password");
  });

  it("rate-limits failed logins per client with 429 and Retry-After", async () => {
    await resetRateLimits();
    const headers = { "x-agb-dashboard-peer": "203.0.113.9" };
    for (let i = 0; i < 10; i++)
      expect(
        (await call(login.POST, { method: "POST", path: "/api/auth/login", body: { password: `wrong-${i}` }, headers }))
          .status,
      ).toBe(401);
    const limited = await call(login.POST, {
      method: "POST",
      path: "/api/auth/login",
      body: { password: PASSWORD },
      headers,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another client is unaffected.
    expect(
      (
        await call(login.POST, {
          method: "POST",
          path: "/api/auth/login",
          body: { password: PASSWORD },
          headers: { "x-agb-dashboard-peer": "203.0.113.10" },
        })
      ).status,
    ).toBe(204);
    await resetRateLimits();
  });

  it("rejects tampered and missing cookies; logout ends the login and clears the cookie", async () => {
    expect((await call(images.GET, { path: "/api/images" })).status).toBe(401);
    const tampered = env.cookie.slice(0, -2) + (env.cookie.endsWith("A") ? "B" : "A") + env.cookie.slice(-1);
    expect((await call(images.GET, { path: "/api/images", cookie: tampered })).status).toBe(401);
    // A second login of the same user, so that ending it leaves env.cookie working.
    const other = await call(login.POST, { method: "POST", path: "/api/auth/login", body: { password: PASSWORD } });
    const cookie = other.headers.get("set-cookie")!.split(";")[0];
    expect((await call(images.GET, { path: "/api/images", cookie })).status).toBe(200);
    const out = await call(logout.POST, { method: "POST", path: "/api/auth/logout", cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    // Logout ends the login on the server: a kept copy of the cookie is refused from now on.
    expect((await call(images.GET, { path: "/api/images", cookie })).status).toBe(401);
    expect((await call(images.GET, { path: "/api/images", cookie: env.cookie })).status).toBe(200);
  });
});

describe("images", () => {
  it("lists the backend's images and idle-timeout limits", async () => {
    const r = await json<{ images: { id: string; tools: string[] }[]; idleTimeout: { max: number } }>(
      await call(images.GET, { path: "/api/images", cookie: env.cookie }),
    );
    expect(r.images.map((i) => i.id)).toEqual(
      expect.arrayContaining(["agb-code-space-1", "agb-code-space-2", "agb-browser-use-1"]),
    );
    expect(r.images.find((i) => i.id === "agb-code-space-2")?.tools).toEqual(
      expect.arrayContaining(["shell", "run_code", "list_directory_detailed"]),
    );
    expect(r.idleTimeout.max).toBeGreaterThan(0);
  });
});

describe("sessions", () => {
  it("creates a session (201) and gets its detail without the session token", async () => {
    const s = await createSession({ team: "core" });
    expect(s.labels).toEqual({ team: "core" });
    expect(s.requestId).toBeTruthy();
    const d = await json<{
      raw: { token?: string };
      idleTimeoutSeconds: number;
      status: string;
      idleReleaseAt: string;
    }>(
      await call(session.GET, {
        path: `/api/sessions/${s.sessionId}`,
        cookie: env.cookie,
        params: { id: s.sessionId },
      }),
    );
    expect(d.status).toBe("RUNNING");
    expect(d.idleTimeoutSeconds).toBe(600);
    expect(d.idleReleaseAt).toBeTruthy();
    expect(d.raw.token).toBe("[hidden]");
  });

  it("answers 422 with field issues for a bad create body, 400 for malformed JSON, 403 cross-origin", async () => {
    const r = await call(sessions.POST, {
      method: "POST",
      path: "/api/sessions",
      cookie: env.cookie,
      body: { imageId: "", labels: { "": "x", k: "" }, idleTimeoutSeconds: 5 },
    });
    expect(r.status).toBe(422);
    const paths = (await json<Err>(r)).error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["imageId", "idleTimeoutSeconds"]));
    expect(paths.some((p) => p.startsWith("labels"))).toBe(true);
    const m = await call(sessions.POST, {
      method: "POST",
      path: "/api/sessions",
      cookie: env.cookie,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(m.status).toBe(400);
    expect((await json<Err>(m)).error.code).toBe("malformed_json");
    expect(
      (
        await call(sessions.POST, {
          method: "POST",
          path: "/api/sessions",
          cookie: env.cookie,
          body: { imageId: "agb-code-space-1" },
          origin: "http://evil.test",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(sessions.POST, {
          method: "POST",
          path: "/api/sessions",
          cookie: env.cookie,
          body: { imageId: "agb-code-space-1" },
          origin: null,
        })
      ).status,
    ).toBe(403);
  });

  it("reports an unknown image as 422 with the AGB requestId", async () => {
    const r = await call(sessions.POST, {
      method: "POST",
      path: "/api/sessions",
      cookie: env.cookie,
      body: { imageId: "no-such-image" },
    });
    expect(r.status).toBe(422);
    const e = (await json<Err>(r)).error;
    expect(e.message).toMatch(/no-such-image/);
    expect(e.requestId).toBeTruthy();
  });

  it("lists with a 2-label filter and pages through cursor tokens", async () => {
    const tag = `p${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await createSession({ suite: tag, kind: "page" })).sessionId);
    await createSession({ suite: tag, kind: "other" });
    const q = `label=suite:${tag}&label=kind:page`;
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const r = await json<{
        items: {
          sessionId: string;
          labels: Record<string, string>;
          status: string;
          imageId: string;
          createdAt: string;
          idleReleaseAt: string;
        }[];
        total: number;
        pageCount: number;
        page: number;
        requestId: string;
      }>(await call(sessions.GET, { path: `/api/sessions?${q}&size=2&page=${page}`, cookie: env.cookie }));
      expect(r.total).toBe(5);
      expect(r.pageCount).toBe(3);
      expect(r.page).toBe(page);
      expect(r.requestId).toBeTruthy();
      for (const it of r.items) {
        expect(it.labels).toEqual({ suite: tag, kind: "page" });
        expect(it.status).toBe("RUNNING");
        expect(it.imageId).toBe("agb-code-space-1");
        expect(it.createdAt && it.idleReleaseAt).toBeTruthy();
      }
      seen.push(...r.items.map((x) => x.sessionId));
    }
    expect(new Set(seen)).toEqual(new Set(made));
    // A page straight from a fresh cursor walk (no cached token), and one past the end.
    const p3 = await json<{ items: unknown[] }>(
      await call(sessions.GET, { path: `/api/sessions?${q}&size=1&page=4`, cookie: env.cookie }),
    );
    expect(p3.items.length).toBe(1);
    const past = await json<{ items: unknown[]; total: number }>(
      await call(sessions.GET, { path: `/api/sessions?${q}&size=2&page=9`, cookie: env.cookie }),
    );
    expect(past.items).toEqual([]);
    expect(past.total).toBe(5);
    const all = await json<{ ids: string[]; total: number }>(
      await call(ids.GET, { path: `/api/sessions/ids?label=suite:${tag}`, cookie: env.cookie }),
    );
    expect(all.total).toBe(6);
    expect(all.ids.length).toBe(6);
  });

  it("answers 422 for a bad page size or label filter", async () => {
    const r = await call(sessions.GET, { path: "/api/sessions?size=1000&page=0", cookie: env.cookie });
    expect(r.status).toBe(422);
    expect((await json<Err>(r)).error.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(["size", "page"]));
    const l = await call(sessions.GET, { path: "/api/sessions?label=novalue", cookie: env.cookie });
    expect(l.status).toBe(422);
    expect((await json<Err>(l)).error.issues![0].path).toBe("label.0");
  });

  it("gets info, keeps alive, and answers 404 for unknown or malformed ids", async () => {
    const s = await createSession();
    const i = await json<{ data: { sessionId: string }; requestId: string }>(
      await call(info.GET, {
        path: `/api/sessions/${s.sessionId}/info`,
        cookie: env.cookie,
        params: { id: s.sessionId },
      }),
    );
    expect(i.data.sessionId).toBe(s.sessionId);
    const k = await json<{ idleReleaseAt: string; requestId: string }>(
      await call(keepAlive.POST, {
        method: "POST",
        path: `/api/sessions/${s.sessionId}/keep-alive`,
        cookie: env.cookie,
        params: { id: s.sessionId },
      }),
    );
    expect(Date.parse(k.idleReleaseAt)).toBeGreaterThan(Date.now());
    for (const id of ["s-unknown-123", "../../etc/passwd", "x".repeat(300)]) {
      const r = await call(session.GET, { path: `/api/sessions/x`, cookie: env.cookie, params: { id } });
      expect(r.status).toBe(404);
      expect((await json<Err>(r)).error.message).toBeTruthy();
    }
    const unknown = await call(keepAlive.POST, {
      method: "POST",
      path: "/api/sessions/s-unknown/keep-alive",
      cookie: env.cookie,
      params: { id: "s-unknown" },
    });
    expect(unknown.status).toBe(404);
    expect((await json<Err>(unknown)).error.requestId).toBeTruthy();
  });

  it("deletes one session (then 404) and many with per-session results", async () => {
    const a = await createSession();
    const del = await call(session.DELETE, {
      method: "DELETE",
      path: `/api/sessions/${a.sessionId}`,
      cookie: env.cookie,
      params: { id: a.sessionId },
    });
    expect(del.status).toBe(200);
    expect((await json(del)).requestId).toBeTruthy();
    expect((await call(session.GET, { path: "/x", cookie: env.cookie, params: { id: a.sessionId } })).status).toBe(404);
    expect(
      (await call(session.DELETE, { method: "DELETE", path: "/x", cookie: env.cookie, params: { id: a.sessionId } }))
        .status,
    ).toBe(404);
    const b = await createSession();
    const c = await createSession();
    const r = await json<{ results: { sessionId: string; ok: boolean }[] }>(
      await call(bulkDelete.POST, {
        method: "POST",
        path: "/api/sessions/bulk-delete",
        cookie: env.cookie,
        body: { sessionIds: [b.sessionId, c.sessionId, a.sessionId] },
      }),
    );
    expect(r.results.every((x) => x.ok)).toBe(true);
    expect(r.results.length).toBe(3);
  });
});

describe("labels", () => {
  it("gets and replaces labels; 422 names the bad field", async () => {
    const s = await createSession({ a: "1" });
    const p = { cookie: env.cookie, params: { id: s.sessionId }, path: `/api/sessions/${s.sessionId}/labels` };
    expect((await json<{ labels: unknown }>(await call(sessionLabels.GET, p))).labels).toEqual({ a: "1" });
    const put = await call(sessionLabels.PUT, { ...p, method: "PUT", body: { labels: { b: "2", c: "3" } } });
    expect((await json<{ labels: unknown; requestId: string }>(put)).labels).toEqual({ b: "2", c: "3" });
    expect((await json<{ labels: unknown }>(await call(sessionLabels.GET, p))).labels).toEqual({ b: "2", c: "3" });
    const bad = await call(sessionLabels.PUT, { ...p, method: "PUT", body: { labels: { k: "x".repeat(300) } } });
    expect(bad.status).toBe(422);
    expect((await json<Err>(bad)).error.issues![0].path).toBe("labels.k");
  });

  it("bulk-patches labels with per-session results and feeds label discovery", async () => {
    const tag = `k${Date.now()}`;
    const a = await createSession({ drop: "me", keep: "yes" });
    const b = await createSession({ keep: "no" });
    const r = await json<{ results: { sessionId: string; ok: boolean; error?: { code: string } }[] }>(
      await call(labelsBulk.POST, {
        method: "POST",
        path: "/api/labels/bulk",
        cookie: env.cookie,
        body: { sessionIds: [a.sessionId, b.sessionId, "s-gone-1"], set: { bulk: tag }, remove: ["drop"] },
      }),
    );
    expect(r.results.find((x) => x.sessionId === a.sessionId)?.ok).toBe(true);
    expect(r.results.find((x) => x.sessionId === "s-gone-1")).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const la = await json<{ labels: unknown }>(
      await call(sessionLabels.GET, { cookie: env.cookie, params: { id: a.sessionId }, path: "/x" }),
    );
    expect(la.labels).toEqual({ keep: "yes", bulk: tag });
    const known = await json<{ keys: { key: string; values: string[]; count: number }[] }>(
      await call(labelsKnown.GET, { path: "/api/labels/known", cookie: env.cookie }),
    );
    const bulk = known.keys.find((k) => k.key === "bulk");
    expect(bulk?.values).toContain(tag);
    expect(bulk?.count).toBeGreaterThanOrEqual(2);
  });
});
