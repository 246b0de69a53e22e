import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestRuntime, type TestRuntime } from "./helpers";

let t: TestRuntime;
let id: string;
beforeAll(async () => {
  t = await startTestRuntime();
  id = await t.wire.newSession({ timeout: 600 });
});
afterAll(async () => {
  await t?.stop();
});

describe("shell tool", () => {
  it("echo: tool success, JSON text with stdout/stderr/exit_code, envelope message empty", async () => {
    const r = await t.wire.shell(id, "echo hello");
    expect(r.res.status).toBe(200);
    expect(r.res.body).toMatchObject({ success: true, code: "OK", message: "" });
    expect(r.res.body.requestId).toBeTruthy();
    expect(r.isError).toBe(false);
    expect(r.res.body.data.content).toHaveLength(1);
    expect(r.out).toEqual({ stdout: "hello\n", stderr: "", exit_code: 0, traceId: "" });
  });

  it("whoami, pwd, cwd and envs as process attributes", async () => {
    expect((await t.wire.shell(id, "whoami")).out.stdout.trim()).toBe("user");
    expect((await t.wire.shell(id, "pwd")).out.stdout.startsWith("/")).toBe(true);
    const cwd = await t.wire.shell(id, "pwd", { cwd: "/tmp" });
    expect(cwd.out).toMatchObject({ stdout: "/tmp\n", stderr: "", exit_code: 0 });
    expect((await t.wire.shell(id, "echo $TEST_VAR", { envs: { TEST_VAR: "v-123" } })).out.stdout).toContain("v-123");
    const both = await t.wire.shell(id, "pwd && echo $MY_VAR", { cwd: "/tmp", envs: { MY_VAR: "mine" } });
    expect(both.out.stdout).toBe("/tmp\nmine\n");
  });

  it("writes, reads and removes a file with redirects", async () => {
    const w = await t.wire.shell(
      id,
      "echo 'file content' > /tmp/cmd_test.txt && cat /tmp/cmd_test.txt && rm /tmp/cmd_test.txt",
    );
    expect(w.out).toMatchObject({ stdout: "file content\n", exit_code: 0 });
    const gone = await t.wire.shell(id, "test -e /tmp/cmd_test.txt");
    expect(gone.out.exit_code).toBe(1);
  });

  it("non-zero exits are tool errors (style B) carrying the same JSON and no envelope message", async () => {
    const missing = await t.wire.shell(id, "nonexistent_cmd_xyz");
    expect(missing.res.body.success).toBe(true);
    expect(missing.res.body.message).toBe("");
    expect(missing.isError).toBe(true);
    expect(missing.out.exit_code).toBe(127);
    expect(missing.out.stderr).toMatch(/not found/);
    const ls = await t.wire.shell(id, "ls /nonexistent/path");
    expect(ls.isError).toBe(true);
    expect(ls.out.exit_code).toBe(2);
    expect((await t.wire.shell(id, "echo out_msg; echo err_msg >&2")).out).toMatchObject({
      stdout: "out_msg\n",
      stderr: "err_msg\n",
    });
  });

  it("cwd with spaces and env values with quotes, ; and specials are never interpolated", async () => {
    await t.wire.shell(id, "mkdir -p '/tmp/test dir with spaces'");
    const p = await t.wire.shell(id, "pwd && echo x > rel.txt && ls", { cwd: "/tmp/test dir with spaces" });
    expect(p.out.stdout).toBe("/tmp/test dir with spaces\nrel.txt\n");
    for (const v of ['it\'s "quoted"', "; rm -rf /", "!@#$%^&*()", "$(whoami) `id` ${HOME}", "line1\nline2"]) {
      const r = await t.wire.shell(id, 'printf %s "$SPECIAL"', {
        envs: { SPECIAL: v },
        cwd: "/tmp/test dir with spaces",
      });
      expect(r.out.stdout).toBe(v);
      expect(r.out.exit_code).toBe(0);
    }
    const survived = await t.wire.shell(id, "ls /usr/bin | head -1");
    expect(survived.out.exit_code).toBe(0);
  });

  it("large timeouts with fast commands succeed; a missing cwd is a clear failure", async () => {
    for (const ms of [5000, 30000, 50000])
      expect((await t.wire.shell(id, "echo fast", { timeout_ms: ms })).out.exit_code).toBe(0);
    const r = await t.wire.shell(id, "pwd", { cwd: "/does/not/exist" });
    expect(r.isError).toBe(true);
    expect(r.out.stderr).toMatch(/\/does\/not\/exist/);
  });

  it("timeout_ms kills the whole process group: exit 124 with a stderr note", async () => {
    const r = await t.wire.shell(id, "sleep 600 & sleep 600; echo never", { timeout_ms: 800 });
    expect(r.isError).toBe(true);
    expect(r.out.exit_code).toBe(124);
    expect(r.out.stdout).toBe("");
    expect(r.out.stderr).toMatch(/timed out after 800 ms/);
    const ps = await t.wire.shell(id, "ps -eo comm | grep -c '^sleep$' || true");
    expect(ps.out.stdout.trim()).toBe("0");
  });

  it("replies when the shell exits even if a background job holds the pipe", async () => {
    // If the reply waited for the pipe, this would end as a timeout (124) instead.
    const r = await t.wire.shell(id, "sleep 30 & echo started", { timeout_ms: 20_000 });
    expect(r.out).toMatchObject({ stdout: "started\n", exit_code: 0 });
    // a job that detached from the pipes keeps running
    const d = await t.wire.shell(id, "sleep 30 >/dev/null 2>&1 & echo $! > /tmp/bg.pid; echo ok");
    expect(d.out.stdout).toBe("ok\n");
    expect((await t.wire.shell(id, "kill -0 $(cat /tmp/bg.pid) && echo alive")).out.stdout).toBe("alive\n");
  });

  it("caps stdout and stderr at 1 MiB each with a visible truncation note", async () => {
    const r = await t.wire.shell(id, "yes | head -c 3000000; yes e | head -c 2000000 >&2", { timeout_ms: 30_000 });
    expect(r.out.exit_code).toBe(0);
    expect(r.out.stdout).toMatch(/\[stdout truncated: 1048576 of 3000000 bytes shown\]\n$/);
    expect(r.out.stderr).toMatch(/\[stderr truncated: 1048576 of 2000000 bytes shown\]\n$/);
    expect(r.out.stdout.length).toBeLessThan(1048576 + 100);
  });

  it("runs concurrent commands in one session", async () => {
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => t.wire.shell(id, `echo n${i}`)));
    rs.forEach((r, i) => expect(r.out.stdout).toBe(`n${i}\n`));
  });

  it("user code cannot kill its agent (pid 1); the session keeps its files", async () => {
    // A killed agent restarting on the next call: tests/runtime/attacks.test.ts (killed from the host).
    await t.wire.shell(id, "echo persisted > ~/keep.txt");
    const kill = await t.wire.shell(id, "kill -9 1 2>/dev/null; kill -9 $PPID; echo still-here");
    expect(kill.out).toMatchObject({ stdout: "still-here\n", exit_code: 0 });
    const again = await t.wire.shell(id, "cat ~/keep.txt");
    expect(again.out).toMatchObject({ stdout: "persisted\n", exit_code: 0 });
  });
});

describe("one filesystem for every tool", () => {
  it("a file written by shell is read by the file tools", async () => {
    await t.wire.shell(id, "printf 'shared by tools' > /tmp/shared.txt");
    const info = await t.wire.callTool(id, "get_file_info", { path: "/tmp/shared.txt" });
    expect(info.body.data.isError).toBe(false);
    expect(info.body.data.content[0].text).toMatch(/size: 15/);
    const read = await t.wire.callTool(id, "read_file", { path: "/tmp/shared.txt" });
    expect(read.body.data.content[0].text).toBe("shared by tools");
  });
});
