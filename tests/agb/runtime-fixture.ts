// AGB client tests against a real embedded runtime (real sandboxes) on a free port, started with
// tests/runtime/helpers.ts's startTestRuntime and a throwaway data dir.
import { afterAll, beforeAll, expect } from "vitest";
import { AgbError, createAgbClient, type AgbClient } from "@/lib/agb/client";
import { startTestRuntime, tempDataDir, type TestRuntime } from "../runtime/helpers";

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
export function withTestClient(
  name: string,
  timeoutMs: number,
  onReady: (agb: AgbClient, env: TestRuntime) => void,
): void {
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
    env = await startTestRuntime({ dataDir: tempDataDir(name), reaperIntervalMs: 500 });
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
