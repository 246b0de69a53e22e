// The audit log through the route handlers against a real runtime: a command run and a file write
// land as entries (the command text; the path and size, never the content), the Audit API and its
// export answer admins only, and a session's history answers a viewer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auditLog from "@/app/api/audit/route";
import * as auditExport from "@/app/api/audit/export/route";
import * as sessionAudit from "@/app/api/sessions/[id]/audit/route";
import * as codeStream from "@/app/api/sessions/[id]/code/stream/route";
import * as command from "@/app/api/sessions/[id]/command/route";
import * as content from "@/app/api/sessions/[id]/files/content/route";
import * as upload from "@/app/api/sessions/[id]/files/upload/route";
import type { AuditPage } from "@/lib/api/schemas/audit";
import { createLogin } from "@/lib/server/auth/login-sessions";
import { SESSION_COOKIE } from "@/lib/server/auth/session-token";
import { createUser } from "@/lib/server/users/store";
import { call, createSessionViaApi, json, startApiEnv, type ApiEnv } from "../api/fixture";

let env: ApiEnv;
let sid: string;
let viewer: string;
const SECRET = `content-that-must-not-be-logged-${Date.now()}`;

beforeAll(async () => {
  env = await startApiEnv("audit-routes");
  sid = await createSessionViaApi(env);
  const u = await createUser({ username: "vera", role: "viewer", passwordHash: null });
  const { token } = await createLogin(u.id, { ip: "127.0.0.1", userAgent: "test" });
  viewer = `${SESSION_COOKIE}=${token}`;
});
afterAll(async () => {
  await env?.stop();
});

const list = async (query: string, cookie = env.cookie) => call(auditLog.GET, { path: `/api/audit${query}`, cookie });

describe("audited actions through the routes", () => {
  it("a command run records its text, its exit code, the session, the result and the AGB requestId", async () => {
    const res = await call(command.POST, {
      method: "POST",
      path: `/api/sessions/${sid}/command`,
      cookie: env.cookie,
      params: { id: sid },
      body: { command: "echo audited-$((6*7)); exit 3" },
    });
    expect(res.status).toBe(200);
    const { requestId } = await json<{ requestId: string }>(res);
    const page = await json<AuditPage>(await list(`?session=${sid}&action=command.run`));
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      username: "admin",
      sessionId: sid,
      action: "command.run",
      // The request succeeded (ok, 200); the command it ran failed, and the record says so.
      detail: { command: "echo audited-$((6*7)); exit 3", exitCode: 3 },
      result: "ok",
      status: 200,
      requestId,
    });
  });

  it("a streamed code run is recorded when its stream ends, with the code, the error it raised and the run's requestId", async () => {
    const res = await call(codeStream.POST, {
      method: "POST",
      path: `/api/sessions/${sid}/code/stream`,
      cookie: env.cookie,
      params: { id: sid },
      body: { language: "python", code: "print(6*7)\n1/0" },
    });
    expect(res.status).toBe(200);
    const events = await res.text();
    const end = JSON.parse(/event: end\ndata: (.*)\n/.exec(events)![1]) as { requestId: string };
    expect(end.requestId).toBeTruthy();
    const page = await json<AuditPage>(await list(`?session=${sid}&action=code.run`));
    expect(page.entries[0]).toMatchObject({
      action: "code.run",
      detail: { language: "python", code: "print(6*7)\n1/0", error: "ZeroDivisionError: division by zero" },
      result: "ok",
      requestId: end.requestId,
    });
  });

  it("a file write records the path and size, never the content", async () => {
    const res = await call(content.PUT, {
      method: "PUT",
      path: `/api/sessions/${sid}/files/content`,
      cookie: env.cookie,
      params: { id: sid },
      body: { path: "/tmp/audit-secret.txt", content: SECRET },
    });
    expect(res.status).toBe(200);
    const page = await json<AuditPage>(await list(`?session=${sid}&action=file.write`));
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0].detail).toMatchObject({ path: "/tmp/audit-secret.txt", bytes: SECRET.length });
    const exported = await (
      await call(auditExport.GET, { path: "/api/audit/export?format=jsonl", cookie: env.cookie })
    ).text();
    expect(exported).toContain("/tmp/audit-secret.txt");
    expect(exported).not.toContain(SECRET);
  });

  it("an upload records the folder and each file's name and size, never the content", async () => {
    const form = new FormData();
    form.append("files", new File([SECRET], "up-secret.txt"));
    form.append("files", new File([new Uint8Array(1000)], "zeros.bin"));
    const res = await call(upload.POST, {
      method: "POST",
      path: `/api/sessions/${sid}/files/upload?dir=%2Ftmp`,
      cookie: env.cookie,
      params: { id: sid },
      rawBody: form,
    });
    expect(res.status).toBe(200);
    const page = await json<AuditPage>(await list(`?session=${sid}&action=file.upload`));
    expect(page.entries[0].detail).toEqual({
      dir: "/tmp",
      files: [
        { name: "up-secret.txt", bytes: SECRET.length },
        { name: "zeros.bin", bytes: 1000 },
      ],
    });
    expect(JSON.stringify(page.entries[0])).not.toContain(SECRET);
  });

  it("the export is an attachment in the asked format with the current filters", async () => {
    const res = await call(auditExport.GET, {
      path: `/api/audit/export?format=csv&session=${sid}&action=command.run`,
      cookie: env.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("command.run");
    expect(lines[1]).toContain("echo audited-$((6*7))");
  });

  it("a session's history lists that session's entries only", async () => {
    const res = await call(sessionAudit.GET, {
      path: `/api/sessions/${sid}/audit`,
      cookie: viewer,
      params: { id: sid },
    });
    expect(res.status).toBe(200);
    const page = await json<AuditPage>(res);
    expect(page.entries.map((e) => e.action)).toEqual([
      "file.upload",
      "file.write",
      "code.run",
      "command.run",
      "session.create",
    ]);
    expect(page.entries.every((e) => e.sessionId === sid)).toBe(true);
  });

  it("bad filters are the caller's mistake (422), not a server error", async () => {
    for (const q of [
      "?action=nope",
      "?from=yesterday",
      "?limit=500",
      "?cursor=abc",
      "?from=2026-02-01&to=2026-01-01",
    ]) {
      const res = await list(q);
      expect(res.status, q).toBe(422);
    }
    expect((await call(auditExport.GET, { path: "/api/audit/export?format=xlsx", cookie: env.cookie })).status).toBe(
      422,
    );
  });
});

describe("who may read the audit log", () => {
  it("a viewer gets 403 from the Audit API and its export", async () => {
    for (const [h, path] of [
      [auditLog.GET, "/api/audit"],
      [auditExport.GET, "/api/audit/export?format=csv"],
    ] as const) {
      const res = await call(h, { path, cookie: viewer });
      expect(res.status).toBe(403);
      expect((await json<{ error: { code: string; message: string } }>(res)).error).toMatchObject({
        code: "forbidden",
        message: expect.stringContaining("admin"),
      });
    }
  });

  it("without a login: 401", async () => {
    expect((await call(auditLog.GET, { path: "/api/audit", cookie: null })).status).toBe(401);
  });
});
