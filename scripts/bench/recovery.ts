/**
 * `npm run bench:recovery`: time from a crash of the embedded runtime (kill -9) to the dashboard
 * answering an API call that needs it again (GET /api/sessions → 200), under `npm start`'s
 * supervisor (target ≤ 3 s). Baseline in the same run: the same outage started by a clean exit
 * (SIGTERM to the runtime), which the supervisor also restarts. Ports: 3211 / 8911 (override
 * with BENCH_RECOVERY_PORT / BENCH_RECOVERY_RUNTIME_PORT). Needs a build (npm run build).
 */
import os from "node:os";
import path from "node:path";
import { ensureBuild, distDir, runBench } from "./lib/server";
import { stats } from "./lib/stats";
import { loginCookie, startSupervisedApp, type SupervisedApp } from "./lib/supervised";
import { machine, printTable, type Row } from "./lib/table";

const PORT = Number(process.env.BENCH_RECOVERY_PORT ?? 3211);
const RT_PORT = Number(process.env.BENCH_RECOVERY_RUNTIME_PORT ?? 8911);
const N = Number(process.env.BENCH_RECOVERY_N ?? 5);
const PASSWORD = "bench-recovery-password";

async function outage(app: SupervisedApp, cookie: string, signal: NodeJS.Signals): Promise<number> {
  const pid = app.runtimePid();
  if (!pid) throw new Error("no runtime process under npm start");
  const t0 = performance.now();
  process.kill(pid, signal);
  // Wait until the old process is gone, so a fast answer cannot come from it.
  while (app.runtimePid() === pid) await new Promise((r) => setTimeout(r, 5));
  for (;;) {
    const res = await fetch(`${app.url}/api/sessions?size=1`, { headers: { cookie } }).catch(() => null);
    if (res?.status === 200) return performance.now() - t0;
    await res?.arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  await ensureBuild("recovery", distDir(), process.argv.includes("--build"));
  // Crashes count toward the supervisor's give-up limit (5 a minute): allow this bench's.
  const app = await startSupervisedApp({
    port: PORT,
    runtimePort: RT_PORT,
    dataDir: path.join(os.tmpdir(), `agb-bench-recovery-${process.pid}`),
    password: PASSWORD,
    env: { AGB_START_MAX_CRASHES: String(2 * N + 5) },
  });
  try {
    const cookie = await loginCookie(app.url, PASSWORD);
    const clean: number[] = [];
    const crash: number[] = [];
    // Each outage hits a runtime that has run a while (past the supervisor's quick-crash backoff).
    const settle = () => new Promise((r) => setTimeout(r, 3_500));
    for (let i = 0; i < N; i++) {
      await settle();
      clean.push(await outage(app, cookie, "SIGTERM"));
      await settle();
      crash.push(await outage(app, cookie, "SIGKILL"));
    }
    const c = stats(crash);
    const rows: Row[] = [
      ["clean exit (SIGTERM) → API answers (baseline)", stats(clean), ""],
      ["crash (kill -9) → API answers", c, `target ≤ 3000 ms: ${c.p95 <= 3000 ? "met" : "NOT met"} (p95)`],
    ];
    printTable(`bench:recovery: runtime outage under npm start (${machine()})`, rows);
  } finally {
    await app.stop();
  }
}

runBench(main);
