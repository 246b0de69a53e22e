import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isNotFound, launchRuntimeProcess, removeDataDir, tempDataDir, waitFor } from "./helpers";

const KEY = "restart-test-key-1";
const dataDir = tempDataDir("restart");
const children: ChildProcess[] = [];

const launch = () =>
  launchRuntimeProcess({
    dataDir,
    apiKey: KEY,
    env: { AGB_RUNTIME_IDLE_MIN_S: "1", AGB_RUNTIME_POOL_SIZE: "1" },
    children,
  });

const killHard = (c: ChildProcess) =>
  new Promise<void>((r) =>
    c.exitCode !== null || c.signalCode !== null ? r() : (c.once("exit", () => r()), c.kill("SIGKILL")),
  );

afterAll(async () => {
  for (const c of children) await killHard(c);
  removeDataDir(dataDir);
});

describe("restart survival (kill -9)", () => {
  it("keeps live sessions, labels and files; releases sessions that expired while down", async () => {
    const first = await launch();
    const keep = await first.wire.newSession({ labels: { team: "ts-test", env: "x" }, timeout: 600 });
    const shortLived = await first.wire.newSession({ timeout: 2 });
    const w = await first.wire.shell(keep, "echo kept-home > ~/h.txt && echo kept-tmp > /tmp/t.txt && echo ok");
    expect(w.out.stdout).toBe("ok\n");
    const before = (await first.wire.post("/mcp/getSession", { sessionId: keep })).body.data;

    await killHard(first.child); // kill -9: no clean-up code runs
    // let the short session's idle time run out while the runtime is down
    await new Promise((r) => setTimeout(r, 2500));

    const second = await launch();
    const g = await second.wire.post("/mcp/getSession", { sessionId: keep });
    expect(g.body.success).toBe(true);
    expect(g.body.data.labels).toEqual({ team: "ts-test", env: "x" });
    expect(g.body.data.token).toBe(before.token);
    // the idle clock continues from the stored last activity (not reset by the restart)
    expect(g.body.data.lastActivityTime).toBe(before.lastActivityTime);
    expect(isNotFound((await second.wire.info(shortLived)).body)).toBe(true);
    const list = await second.wire.listAll({}, 10);
    expect(list.ids).toEqual([keep]);
    const f = await second.wire.shell(keep, "cat ~/h.txt /tmp/t.txt");
    expect(f.out.stdout).toBe("kept-home\nkept-tmp\n");

    // a clean stop (SIGTERM) also keeps everything
    second.child.kill("SIGTERM");
    await waitFor("clean exit", () => second.child.exitCode !== null, 15_000);
    expect(second.child.exitCode, second.stderr()).toBe(0);
    const third = await launch();
    expect((await third.wire.shell(keep, "cat ~/h.txt")).out.stdout).toBe("kept-home\n");
    await killHard(third.child);
  });

  it("refuses a bad configuration value, naming the variable", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/runtime.ts"], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, AGB_DATA_DIR: dataDir, AGB_RUNTIME_PORT: "99999" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(1);
    expect(err).toMatch(/invalid AGB_RUNTIME_PORT="99999"/);
  });
});
