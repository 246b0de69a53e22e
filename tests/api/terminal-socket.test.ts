// The terminal's WebSocket (lib/server/terminal/socket-relay.ts) on a real HTTP server, against the
// real runtime: the upgrade is refused without a live login, from a foreign Origin and below the
// operator role (the same rules as the routes); an operator's socket relays a real shell, and a
// frame that fails validation is answered with an error naming the field, not obeyed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as login from "@/app/api/auth/login/route";
import * as logout from "@/app/api/auth/logout/route";
import * as terminals from "@/app/api/sessions/[id]/terminals/route";
import { hashPassword } from "@/lib/server/auth/password-hash";
import { createTerminalRelay } from "@/lib/server/terminal/socket-relay";
import { createUser } from "@/lib/server/users/store";
import { call, createSessionViaApi, json, startApiEnv, type ApiEnv } from "./fixture";

const PW = "socket-test-password";
let env: ApiEnv;
let server: http.Server;
let relay: ReturnType<typeof createTerminalRelay>;
let origin: string;
let sid: string;
let tid: string;

async function logIn(username: string): Promise<string> {
  const res = await call(login.POST, { method: "POST", path: "/api/auth/login", body: { username, password: PW } });
  expect(res.status).toBe(204);
  return res.headers.get("set-cookie")!.split(";")[0];
}

const url = (id = sid, t = tid) => `${origin.replace("http", "ws")}/api/sessions/${id}/terminals/${t}/socket`;

/** The status that refused the upgrade, or 0 when it was accepted. */
function upgradeStatus(headers: Record<string, string>, to = url()): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(to, { headers });
    ws.once("unexpected-response", (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? -1);
    });
    ws.once("open", () => {
      ws.close();
      resolve(0);
    });
    ws.once("error", (e) => !e.message.includes("Unexpected server response") && reject(e));
  });
}

beforeAll(async () => {
  env = await startApiEnv("terminal-socket");
  for (const role of ["viewer", "operator"] as const)
    await createUser({ username: `sock-${role}`, role, passwordHash: await hashPassword(PW) });
  sid = await createSessionViaApi(env);
  const opened = await call(terminals.POST, {
    method: "POST",
    path: `/api/sessions/${sid}/terminals`,
    cookie: env.cookie,
    body: { cols: 80, rows: 24 },
    params: { id: sid },
  });
  expect(opened.status).toBe(200);
  tid = (await json<{ terminalId: string }>(opened)).terminalId;
  relay = createTerminalRelay();
  server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => void relay.upgrade(req, socket, head));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  relay?.close();
  server?.closeAllConnections();
  server?.close();
  await env?.stop();
});

describe("the terminal socket's upgrade", () => {
  it("is refused without a live login", async () => {
    expect(await upgradeStatus({ origin })).toBe(401);
    expect(await upgradeStatus({ origin, cookie: "agb_dashboard_session=forged.token" })).toBe(401);
    // A cookie that does not URL-decode is no login either (it used to throw: 500).
    expect(await upgradeStatus({ origin, cookie: "agb_dashboard_session=%E0%A4%A" })).toBe(401);
    // A well-signed cookie whose login has ended (logged out) is no login either.
    const cookie = await logIn("sock-operator");
    expect(await upgradeStatus({ origin, cookie })).toBe(0);
    const out = await call(logout.POST, { method: "POST", path: "/api/auth/logout", cookie });
    expect(out.status).toBe(204);
    expect(await upgradeStatus({ origin, cookie })).toBe(401);
  });

  it("is refused from another origin, or without one", async () => {
    expect(await upgradeStatus({ origin: "https://evil.example", cookie: env.cookie })).toBe(403);
    expect(await upgradeStatus({ origin: origin.replace("127.0.0.1", "localhost"), cookie: env.cookie })).toBe(403);
    expect(await upgradeStatus({ cookie: env.cookie })).toBe(403);
  });

  it("is refused to a viewer (watching a terminal is using it), allowed to an operator", async () => {
    expect(await upgradeStatus({ origin, cookie: await logIn("sock-viewer") })).toBe(403);
    expect(await upgradeStatus({ origin, cookie: await logIn("sock-operator") })).toBe(0);
  });

  it("names a bad session or terminal id with 404", async () => {
    expect(await upgradeStatus({ origin, cookie: env.cookie }, url(sid, "no%20such"))).toBe(404);
    expect(await upgradeStatus({ origin, cookie: env.cookie }, url("-bad", tid))).toBe(404);
  });
});

describe("an open terminal socket", () => {
  it("relays keystrokes and output, and answers an invalid frame with an error naming the field", async () => {
    const ws = new WebSocket(url(), { headers: { origin, cookie: env.cookie } });
    let out = "";
    const control: Record<string, unknown>[] = [];
    ws.on("message", (data, isBinary) => {
      if (isBinary) out += (data as Buffer).toString("utf8");
      else control.push(JSON.parse(String(data)) as Record<string, unknown>);
    });
    await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
    // Keystrokes one frame each, back to back: they must reach the shell in order.
    for (const ch of "echo in-order-$((6*7))\r") ws.send(JSON.stringify({ type: "input", data: ch }));
    ws.send(JSON.stringify({ type: "resize", cols: 0, rows: 24 }));
    ws.send(JSON.stringify({ type: "shout", data: "x" }));
    ws.send("not json");
    await expect.poll(() => out, { timeout: 30_000 }).toContain("in-order-42");
    await expect.poll(() => control.length).toBe(3);
    expect(control.every((f) => f.type === "error")).toBe(true);
    expect(String(control[0].message)).toMatch(/cols/);
    expect(String(control[1].message)).toMatch(/type/);
    expect(String(control[2].message)).toMatch(/not valid JSON/);
    // The terminal ends: the socket says why and closes normally.
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    ws.send(JSON.stringify({ type: "input", data: "exit 3\r" }));
    expect(await closed).toBe(1000);
    expect(control.at(-1)).toMatchObject({ type: "exit", exitCode: 3 });
  }, 60_000);
});
