// Starts a real embedded runtime (real sandboxes) on a free port with a throwaway data dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { AgbError, createAgbClient, type AgbClient } from "@/lib/agb/client";
import { startRuntime, type RunningRuntime, type StartOptions } from "@/lib/runtime/main";

export interface TestRuntime {
  rt: RunningRuntime;
  dataDir: string;
  stop(): Promise<void>;
}

/** `opts` adds runtime options, e.g. `{ strict: true, latencyMs: 50, faults: true }` to stand for AGB itself. */
export async function startTestRuntime(name: string, opts: StartOptions = {}): Promise<TestRuntime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `agb-${name}-`));
  const rt = await startRuntime({ port: 0, dataDir, apiKeys: [`key-${name}-owner`], poolSize: 1, logLevel: "silent", reaperIntervalMs: 500, ...opts });
  let stopped = false;
  return {
    rt,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await rt.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A loopback port with nothing listening: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a test runtime before the file's tests, handing it to onReady, and stops it after them. */
export function withTestRuntime(name: string, onReady: (env: TestRuntime) => void): void {
  withRuntimeHooks(name, (env) => onReady(env));
}

/** As withTestRuntime, with an AGB client on the runtime (its key, timeoutMs), closed after the tests. */
export function withTestClient(name: string, timeoutMs: number, onReady: (agb: AgbClient, env: TestRuntime) => void): void {
  withRuntimeHooks(name, (env) => {
    const agb = createAgbClient({ endpoint: env.rt.url, apiKey: env.rt.apiKey, timeoutMs });
    onReady(agb, env);
    return agb;
  });
}

function withRuntimeHooks(name: string, ready: (env: TestRuntime) => AgbClient | void): void {
  let env: TestRuntime | undefined;
  let agb: AgbClient | void;
  beforeAll(async () => {
    env = await startTestRuntime(name);
    agb = ready(env);
  });
  afterAll(async () => {
    agb?.close();
    await env?.stop();
  });
}

/** Awaits p, expecting it to fail with an AgbError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<AgbError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AgbError);
    return e as AgbError;
  }
  throw new Error("expected the call to fail");
}
