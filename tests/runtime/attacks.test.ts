/**
 * Attacks on a session's own agent, and the runtime's defence against an agent that misbehaves
 * (issue 15): descriptor theft, ptrace and signals from user code, inherited channel descriptors,
 * host paths in the sandbox, oversized / garbage / silent agents, a killed agent, a 65-label filter.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClient, AgentError, MAX_FRAME_BYTES } from "@/lib/runtime/sandbox/agent-client";
import { startTestRuntime, waitFor, type TestRuntime } from "./helpers";

let t: TestRuntime;
let a: string;
let b: string;

beforeAll(async () => {
  t = await startTestRuntime();
  [a, b] = await Promise.all([t.wire.newSession(), t.wire.newSession()]);
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

const py = (code: string) => `python3 - <<'EOF'\n${code}\nEOF`;

describe("user code cannot reach its agent", () => {
  it("is pid 1 and cannot be traced, signalled or have its descriptors stolen", async () => {
    const r = await t.wire.shell(
      a,
      py(`import ctypes, os, signal
libc = ctypes.CDLL(None, use_errno=True)
def err(): return os.strerror(ctypes.get_errno())
print("cmdline", open("/proc/1/cmdline").read().replace("\\0", " ").strip())
pfd = libc.syscall(434, 1, 0)                  # pidfd_open(agent)
for fd in range(0, 8):
    print("getfd", fd, libc.syscall(438, pfd, fd, 0), err())   # pidfd_getfd
print("ptrace", libc.ptrace(16, 1, 0, 0), err())               # PTRACE_ATTACH
print("seize", libc.ptrace(0x4206, 1, 0, 0), err())            # PTRACE_SEIZE
for name in ("fd", "mem", "environ"):
    try:
        os.listdir("/proc/1/fd") if name == "fd" else open("/proc/1/" + name, "rb").read(1)
        print(name, "READABLE")
    except OSError as e:
        print(name, "denied", e.errno)
for s in (signal.SIGSTOP, signal.SIGTERM, signal.SIGKILL):
    os.kill(1, s)
print("state", open("/proc/1/stat").read().split(")")[1].split()[0])`),
    );
    const out = r.out.stdout as string;
    expect(out).toContain("cmdline /usr/bin/python3 -I -S -B /opt/agb/agent/agent.py");
    for (let fd = 0; fd < 8; fd++)
      expect(out).toMatch(new RegExp(`getfd ${fd} -1 (Operation not permitted|Bad file descriptor)`));
    expect(out).toContain("getfd 1 -1 Operation not permitted");
    expect(out).toContain("ptrace -1 Operation not permitted");
    expect(out).toContain("seize -1 Operation not permitted");
    for (const n of ["fd", "mem", "environ"]) expect(out).toContain(`${n} denied 13`);
    expect(out).not.toContain("state T");
    // the agent took SIGSTOP/SIGTERM/SIGKILL and still answers at once
    const again = await t.wire.shell(a, "echo alive");
    expect(again.out.stdout).toBe("alive\n");
  });

  it("does not hand its channel to user processes", async () => {
    const r = await t.wire.shell(
      a,
      py(`import os
fds = sorted(int(f) for f in os.listdir("/proc/self/fd"))
print(fds)
print([os.readlink("/proc/self/fd/%d" % f) for f in fds if f > 2 and os.path.exists("/proc/self/fd/%d" % f)])`),
    );
    const [fds] = (r.out.stdout as string).split("\n");
    // 0-2 are the command's own; 3 is the listdir handle itself
    expect(JSON.parse(fds)).toEqual([0, 1, 2, 3]);
    const stdin = await t.wire.shell(a, "readlink /proc/self/fd/0");
    expect(stdin.out.stdout).toBe("/dev/null\n");
  });

  it("shows no host paths: cmdlines, environ, mountinfo; /etc holds only what programs need", async () => {
    const r = await t.wire.shell(
      a,
      "cat /proc/[0-9]*/cmdline /proc/self/environ /proc/self/mountinfo 2>/dev/null | tr '\\0' '\\n'; ls /etc",
    );
    const out = r.out.stdout as string;
    expect(out).not.toContain(t.dataDir);
    expect(out).not.toContain(process.cwd());
    expect(out).toContain("ld.so.cache");
    for (const hidden of ["shadow", "sudoers", "ssh", "resolv.conf", "machine-id", "crontab"])
      expect(out.split("\n")).not.toContain(hidden);
    const tools = await t.wire.shell(
      a,
      "python3 -c 'import ssl, mimetypes; print(mimetypes.guess_type(\"a.png\")[0], bool(ssl.get_default_verify_paths().cafile or ssl.get_default_verify_paths().capath))' && id -un && hostname && getent hosts localhost | head -1 && date +%Z >/dev/null && echo ok",
    );
    expect(tools.out.stdout).toMatch(/^image\/png True\nuser\nagb-session\n.*localhost.*\nok\n$/);
  });

  it("reaps orphaned background jobs as init, without taking its own children's exit codes", async () => {
    // bursts of exits (SIGCHLD storms) while commands run: each keeps its own exit code
    for (let round = 0; round < 3; round++) {
      await t.wire.shell(a, "for i in 1 2 3 4 5 6 7 8; do (sleep 0.1 &); done; echo started");
      const runs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => t.wire.shell(a, `(sleep 0.05 &); sleep 0.0${i}; exit ${i + 1}`)),
      );
      expect(
        runs.map((r) => r.out?.exit_code),
        JSON.stringify(runs.map((r) => r.out ?? r.res.text)),
      ).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    }
    const zombies = () =>
      t.wire.shell(a, "grep -l '^State:.Z' /proc/[0-9]*/status 2>/dev/null | wc -l").then((r) => r.out.stdout.trim());
    await waitFor("orphans reaped", async () => (await zombies()) === "0", 5000, 300);
  });

  it("a killed agent comes back on the next call with the session's files", async () => {
    await t.wire.shell(b, "echo survives > ~/k.txt");
    // pid 1 of the sandbox, seen from the host: the child of bwrap whose cmdline is the agent
    const agentPid = hostPidOf("/opt/agb/agent/agent.py", await uidOf(b));
    process.kill(agentPid, "SIGKILL");
    await waitFor("agent gone", () => !fs.existsSync(`/proc/${agentPid}`), 5000);
    const r = await t.wire.shell(b, "cat ~/k.txt");
    expect(r.out.stdout).toBe("survives\n");
    expect(hostPidOf("/opt/agb/agent/agent.py", await uidOf(b))).not.toBe(agentPid);
  });

  it("a 65-label filter is a 400 InvalidParameter, not a 500", async () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 65; i++) labels[`k${i}`] = "v";
    const r = await t.wire.list({ labels });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ success: false, code: "InvalidParameter" });
    expect(r.body.message).toContain("at most 64");
    expect(r.body.requestId).toBeTruthy();
  });
});

async function uidOf(id: string): Promise<number> {
  return Number((await t.wire.shell(id, "id -u")).out.stdout.trim());
}

/** Host pid of the process running `needle` under `uid` (the test runs as root). */
function hostPidOf(needle: string, uid: number): number {
  for (const p of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8");
      const st = fs.readFileSync(`/proc/${p}/status`, "utf8");
      if (cmd.includes(needle) && new RegExp(`^Uid:\\s+${uid}\\b`, "m").test(st)) return Number(p);
    } catch {
      /* gone */
    }
  }
  throw new Error(`no process ${needle} for uid ${uid}`);
}

describe("the runtime bounds what it reads from an agent", () => {
  /** A real process speaking the agent's ready line, then misbehaving as `then` says. */
  function fakeAgent(then: string) {
    const faults: string[] = [];
    const client = new AgentClient(
      () =>
        spawn(
          "python3",
          [
            "-c",
            `import os, sys, time\nos.write(1, b'{"id":0,"ok":true,"result":{"ready":true,"pid":1,"uid":0}}\\n')\nsys.stdin.readline()\n${then}`,
          ],
          {
            stdio: ["pipe", "pipe", "pipe"],
          },
        ),
      { name: "fake", onFault: (r) => faults.push(r), silenceMs: 200, pingDeadlineMs: 1000, wedgedMs: 2500 },
    );
    return { client, faults };
  }

  it("ends an agent that floods without a newline; memory stays bounded and it restarts", async () => {
    const { client, faults } = fakeAgent(`chunk = b"x" * (1 << 20)\nwhile True: os.write(1, chunk)`);
    await client.start();
    const rss0 = process.memoryUsage().rss;
    const err = await client.call("ping", {}).catch((e: AgentError) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).kind).toBe("dead");
    expect((err as AgentError).message).toContain("without a newline");
    expect(faults[0]).toContain(`over ${MAX_FRAME_BYTES} bytes without a newline`);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(4 * MAX_FRAME_BYTES);
    await client.start(); // the next call's restart
    expect(client.alive).toBe(true);
    client.kill();
  });

  it("ends an agent whose raw frame claims more bytes than a frame may hold, or no byte count", async () => {
    for (const raw of [String(MAX_FRAME_BYTES), "-1", '"12"', "1.5"]) {
      const { client, faults } = fakeAgent(
        `os.write(1, b'{"id":1,"event":{"type":"output"},"raw":${raw}}\\n' + b"x" * 1024); time.sleep(30)`,
      );
      await client.start();
      const err = await client.call("term_open", {}).catch((e: AgentError) => e);
      expect((err as AgentError).kind).toBe("dead");
      expect(faults[0]).toContain("raw frame length");
    }
  });

  it("hands a raw frame's bytes to the event, split across reads or not, and reads the next line after them", async () => {
    const { client } = fakeAgent(
      `body = "é".encode() * 300000\n` +
        `os.write(1, b'{"id":1,"event":{"type":"output"},"raw":%d}\\n' % len(body) + body[:7])\n` +
        `time.sleep(0.05)\n` +
        `os.write(1, body[7:] + b'{"id":1,"event":{"type":"output"},"raw":3}\\nab\\n{"id":1,"ok":true,"result":{}}\\n')\n` +
        `time.sleep(30)`,
    );
    await client.start();
    const got: string[] = [];
    await client.call("term_open", {}, { onEvent: (_e, raw) => got.push(raw!.toString("utf8")) });
    expect(got).toEqual(["é".repeat(300000), "ab\n"]);
    client.kill();
  });

  it("ends an agent that sends garbage", async () => {
    const { client, faults } = fakeAgent(`os.write(1, b"not json at all\\n"); time.sleep(30)`);
    await client.start();
    const err = await client.call("ping", {}).catch((e: AgentError) => e);
    expect((err as AgentError).kind).toBe("dead");
    expect(faults[0]).toContain("not JSON");
  });

  it("ends a stopped agent at its first unanswered ping", async () => {
    const { client, faults } = fakeAgent(`time.sleep(60)`);
    await client.start();
    const call = client.call("shell", {}).catch((e: AgentError) => e);
    process.kill(client.pid!, "SIGSTOP");
    const err = await call;
    expect((err as AgentError).kind).toBe("dead");
    expect(faults[0]).toMatch(/is stopped \(process state T\) and did not answer a ping/);
  });

  it("gives a silent (not stopped) agent until the wedged limit, then ends it", async () => {
    const { client, faults } = fakeAgent(`time.sleep(60)`);
    await client.start();
    const t0 = Date.now();
    const err = await client.call("shell", {}).catch((e: AgentError) => e);
    expect((err as AgentError).kind).toBe("dead");
    expect(faults[0]).toMatch(/answered nothing, not even a ping, for \d+ s \(wedged\)/);
    expect(faults).toHaveLength(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2500); // not at the first unanswered ping
  });
});
