// Route-handler tests call the exported handlers of app/api/**/route.ts directly with a
// NextRequest, against a real embedded runtime. This sets the dashboard's environment first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import type { StartOptions } from "@/lib/runtime/main";
import { startTestRuntime, tempDataDir, type TestRuntime } from "../runtime/helpers";

export const ORIGIN = "http://dash.test";
export const PASSWORD = "route-test-password";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiEnv {
  runtime: TestRuntime;
  cookie: string;
  dashDataDir: string;
  stop(): Promise<void>;
}

export async function startApiEnv(name: string, runtimeOpts: StartOptions = {}): Promise<ApiEnv> {
  const runtime = await startTestRuntime({ dataDir: tempDataDir(name), reaperIntervalMs: 500, ...runtimeOpts });
  const dashDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dash-${name}-`));
  Object.assign(process.env, {
    AGB_ENDPOINT: runtime.rt.url,
    AGB_API_KEY: runtime.rt.apiKey,
    AGB_BACKEND: runtimeOpts.strict ? "cloud" : "embedded",
    AGB_DATA_DIR: dashDataDir,
    DASHBOARD_PASSWORD: PASSWORD,
    AGB_TIMEOUT_MS: "60000",
  });
  delete process.env.DASHBOARD_SESSION_SECRET;
  const login = (await import("@/app/api/auth/login/route")).POST as Handler;
  const res = await call(login, { method: "POST", path: "/api/auth/login", body: { password: PASSWORD } });
  if (res.status !== 204) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0];
  return {
    runtime,
    cookie,
    dashDataDir,
    async stop() {
      await runtime.stop();
      fs.rmSync(dashDataDir, { recursive: true, force: true });
    },
  };
}

export interface CallOpts {
  method?: string;
  path: string;
  body?: unknown;
  /** Raw body text (e.g. malformed JSON) or FormData. */
  rawBody?: string | FormData;
  cookie?: string | null;
  origin?: string | null;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export function request(o: CallOpts): NextRequest {
  const method = o.method ?? "GET";
  const headers: Record<string, string> = { ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  if (o.origin !== null && method !== "GET") headers.origin = o.origin ?? ORIGIN;
  let body: string | FormData | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] = "application/json";
  }
  return new NextRequest(`${ORIGIN}${o.path}`, { method, headers, body });
}

export function call(handler: Handler, o: CallOpts): Promise<Response> {
  return handler(request(o), { params: Promise.resolve(o.params ?? {}) });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Creates a session through POST /api/sessions as the env's admin and returns its id. */
export async function createSessionViaApi(env: ApiEnv, imageId = "agb-code-space-2"): Promise<string> {
  // Imported here, not at the top: the route reads the environment startApiEnv sets.
  const sessions = await import("@/app/api/sessions/route");
  const res = await call(sessions.POST, {
    method: "POST",
    path: "/api/sessions",
    cookie: env.cookie,
    body: { imageId, idleTimeoutSeconds: 600 },
  });
  if (!res.ok) throw new Error(`POST /api/sessions → ${res.status} ${await res.text()}`);
  return (await json<{ sessionId: string }>(res)).sessionId;
}
