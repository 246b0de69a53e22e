/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies are checked field by field in the tests */
/**
 * Test helpers: a real runtime on a free port with a temp data dir, and a tiny AGB wire client
 * (query vs body placement and JSON-in-string fields as the SDK sends them; docs/protocol.md, "Endpoints").
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRuntime, type RunningRuntime, type StartOptions } from "@/lib/runtime/main";
import { unmountUnderSync } from "@/lib/runtime/sandbox/disk";
import { SLOT_UID_BASE } from "@/lib/runtime/sandbox/limits";

/** The first session uid of this file's runtimes (a range per test file: tests/support/uid-range.ts). */
export const UID_BASE = Number(process.env.AGB_RUNTIME_UID_BASE || SLOT_UID_BASE);
/** A session's slot, from its uid (`id -u` inside it). */
export const slotOfUid = (uid: number) => uid - UID_BASE;

export interface TestRuntime {
  rt: RunningRuntime;
  dataDir: string;
  wire: Wire;
  /** closes the runtime and deletes the data dir */
  stop(): Promise<void>;
}

export function tempDataDir(tag = "rt"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `agb-${tag}-`));
}

export async function startTestRuntime(opts: StartOptions = {}): Promise<TestRuntime> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const rt = await startRuntime({
    port: 0,
    dataDir,
    apiKeys: ["test-key-owner-a", "test-key-owner-b"],
    poolSize: 1,
    // Test files run side by side: a burst of creates in one must not warm a fleet-sized pool.
    poolMax: 4,
    prewarm: false,
    logLevel: "silent",
    reaperIntervalMs: 200,
    ...opts,
  }).catch((e) => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  let stopped = false;
  return {
    rt,
    dataDir,
    wire: new Wire(rt.url, rt.apiKey),
    async stop() {
      if (stopped) return; // a test may stop it early; afterAll stops it again
      stopped = true;
      await rt.close();
      removeDataDir(dataDir);
    },
  };
}

export interface WireResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

type Query = Record<string, string | number | undefined>;

export class Wire {
  constructor(
    readonly url: string,
    readonly apiKey: string | null,
  ) {}

  withKey(key: string | null): Wire {
    return new Wire(this.url, key);
  }

  async request(
    method: "GET" | "POST",
    p: string,
    opts: { query?: Query; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<WireResponse> {
    const u = new URL(this.url + p);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
      ...opts.headers,
    };
    const res = await fetch(u, {
      method,
      headers,
      body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  post(p: string, body?: unknown, query?: Query) {
    return this.request("POST", p, { body, query });
  }

  get(p: string, query?: Query) {
    return this.request("GET", p, { query });
  }

  async createSession(opts: { imageId?: string; labels?: Record<string, string>; timeout?: number } = {}) {
    const body: Record<string, unknown> = {};
    if (opts.labels) body.labels = JSON.stringify(opts.labels);
    if (opts.timeout !== undefined) body.timeout = opts.timeout;
    return this.post("/mcp/createSession", body, { imageId: opts.imageId ?? "agb-code-space-2" });
  }

  async newSession(
    opts: { imageId?: string; labels?: Record<string, string>; timeout?: number } = {},
  ): Promise<string> {
    const r = await this.createSession(opts);
    if (!r.body?.data?.sessionId) throw new Error(`create failed: ${r.text}`);
    return r.body.data.sessionId as string;
  }

  release(sessionId: string) {
    return this.post("/mcp/releaseSessionAsync", { sessionId });
  }

  info(sessionId: string) {
    return this.post("/mcp/getSessionInfo", { sessionId });
  }

  callTool(sessionId: string, name: string, args: unknown) {
    return this.post("/mcp", { sessionId, name, args: JSON.stringify(args) }, { autoGenSession: "false" });
  }

  /** shell tool; returns the envelope and the parsed tool JSON */
  async shell(
    sessionId: string,
    command: string,
    extra: { timeout_ms?: number; cwd?: string; envs?: Record<string, string> } = {},
  ) {
    const r = await this.callTool(sessionId, "shell", { command, timeout_ms: 10_000, ...extra });
    const content = r.body?.data?.content?.[0]?.text;
    let out: { stdout: string; stderr: string; exit_code: number } | undefined;
    try {
      out = JSON.parse(content);
    } catch {
      out = undefined;
    }
    return { res: r, isError: r.body?.data?.isError as boolean, out: out!, text: content as string };
  }

  list(query: { labels?: Record<string, string>; maxResults?: number | string; nextToken?: string } = {}) {
    return this.get("/sdk/ListSession", {
      labels: JSON.stringify(query.labels ?? {}),
      maxResults: query.maxResults,
      nextToken: query.nextToken,
    });
  }

  /** Walks every page; returns ids in order and the count of the first page. */
  async listAll(
    labels: Record<string, string> = {},
    pageSize = 2,
  ): Promise<{ ids: string[]; count: number; pages: number }> {
    const ids: string[] = [];
    let token: string | undefined;
    let count = -1;
    let pages = 0;
    do {
      const r = await this.list({ labels, maxResults: pageSize, nextToken: token });
      if (!r.body?.success) throw new Error(`list failed: ${r.text}`);
      if (count < 0) count = r.body.count;
      ids.push(...r.body.data.map((d: { sessionId: string }) => d.sessionId));
      token = r.body.nextToken || undefined;
      pages++;
    } while (token);
    return { ids, count, pages };
  }
}

/** Polls `fn` until it returns true; throws with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  fn: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const isNotFound = (body: any) =>
  body?.success === false && /notfound/i.test(body?.code ?? "") && /not found/i.test(body?.message ?? "");

/** A slot's home folder on the host: on its mounted disk image, or a plain folder ("dir" mode). */
export function slotHome(runtimeDir: string, slot: number): string {
  const root = path.join(runtimeDir, "slots", String(slot));
  return fs.existsSync(path.join(root, "disk.img")) ? path.join(root, "mnt", "home") : path.join(root, "home");
}

/** Deletes a test data dir, unmounting first what a killed runtime left mounted in it (disk images). */
export function removeDataDir(dir: string): void {
  unmountUnderSync(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `scripts/runtime.ts` as its own process (node --import tsx: the pid is the runtime itself) on a
 * free port with one API key; resolves once it prints its endpoint. `children` collects it for cleanup.
 */
export async function launchRuntimeProcess(o: {
  dataDir: string;
  apiKey: string;
  env?: Record<string, string>;
  children: ChildProcess[];
}): Promise<{ child: ChildProcess; wire: Wire; stderr: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/runtime.ts"], {
    cwd: path.resolve(__dirname, "../.."),
    env: {
      ...process.env,
      AGB_DATA_DIR: o.dataDir,
      AGB_RUNTIME_PORT: "0",
      AGB_RUNTIME_API_KEYS: o.apiKey,
      AGB_RUNTIME_LOG_LEVEL: "warn",
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  o.children.push(child);
  let err = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString();
      const m = new RegExp(`AGB_ENDPOINT=(\\S+) AGB_API_KEY=${o.apiKey}`).exec(err);
      if (m) resolve(m[1]);
    });
    child.stdout!.resume();
    child.on("exit", (code) => reject(new Error(`runtime exited (${code}): ${err}`)));
  });
  // stderr keeps accumulating: a test can show what the runtime said when it exits unexpectedly
  return { child, wire: new Wire(url, o.apiKey), stderr: () => err };
}
