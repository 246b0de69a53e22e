// An AGB that accepts the connection and then never answers: the dashboard API answers 504
// `agb_timeout` within AGB_TIMEOUT_MS (plus retries of idempotent reads), naming what timed out.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as session from "@/app/api/sessions/[id]/route";
import * as sessions from "@/app/api/sessions/route";
import { call, json, PASSWORD } from "./fixture";

let server: net.Server;
let dataDir: string;
let cookie: string;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = net.createServer((s) => {
    sockets.add(s);
    s.on("data", () => {}); // read the request, answer nothing
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-timeout-"));
  Object.assign(process.env, {
    AGB_ENDPOINT: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    AGB_API_KEY: "timeout-key",
    AGB_BACKEND: "cloud",
    AGB_DATA_DIR: dataDir,
    DASHBOARD_PASSWORD: PASSWORD,
    AGB_TIMEOUT_MS: "1000",
  });
  delete process.env.DASHBOARD_SESSION_SECRET;
  const res = await call(login.POST, { method: "POST", path: "/api/auth/login", body: { password: PASSWORD } });
  expect(res.status).toBe(204);
  cookie = res.headers.get("set-cookie")!.split(";")[0];
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("an AGB that does not answer", () => {
  it("answers 504 agb_timeout for reads and mutations", async () => {
    for (const [handler, opts] of [
      [sessions.GET, { path: "/api/sessions" }],
      [session.GET, { path: "/api/sessions/s-1", params: { id: "s-1" } }],
      [sessions.POST, { method: "POST", path: "/api/sessions", body: { imageId: "agb-code-space-1" } }],
    ] as const) {
      const res = await call(handler, { ...opts, cookie });
      expect(res.status, opts.path).toBe(504);
      const body = await json<{ error: { code: string; message: string } }>(res);
      expect(body.error.code).toBe("agb_timeout");
      expect(body.error.message).toMatch(/within 1000 ms|did not answer/i);
      expect(body.error.message).not.toContain("timeout-key");
    }
  });
});
