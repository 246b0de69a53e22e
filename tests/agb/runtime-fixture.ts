// Starts a real embedded runtime (real sandboxes) on a free port with a throwaway data dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRuntime, type RunningRuntime } from "@/lib/runtime/main";

export interface TestRuntime {
  rt: RunningRuntime;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestRuntime(name: string): Promise<TestRuntime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `agb-${name}-`));
  const rt = await startRuntime({ port: 0, dataDir, apiKeys: [`key-${name}-owner`], poolSize: 1, logLevel: "silent", reaperIntervalMs: 500 });
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
