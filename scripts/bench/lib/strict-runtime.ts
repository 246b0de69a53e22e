import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRuntime, type StartOptions } from "../../../lib/runtime/main";
import { seedSessions } from "./seed";

/**
 * The cloud-mode benches' AGB: the runtime in strict mode (answering only what AGB documents) with
 * `latencyMs` on every answer, in a fresh data dir holding `sessions` labelled sessions, newest
 * first a second apart. `opts` adds to or overrides the runtime's options.
 */
export async function startStrictRuntime(o: {
  tag: string;
  key: string;
  port: number;
  latencyMs: number;
  sessions: number;
  opts?: StartOptions;
}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `agb-bench-${o.tag}-`));
  seedSessions(path.join(dataDir, "runtime"), o.key, o.sessions, {
    imageId: "agb-code-space-2",
    createdAt: (i, t0) => t0 - i * 1000,
  });
  const rt = await startRuntime({
    port: o.port,
    dataDir,
    apiKeys: [o.key],
    strict: true,
    latencyMs: o.latencyMs,
    logLevel: "warn",
    ...o.opts,
  });
  return { rt, dataDir };
}
