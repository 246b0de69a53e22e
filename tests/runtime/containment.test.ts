import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../lib/runtime/sandbox/limits";
import { slotHome, startTestRuntime, type TestRuntime, slotOfUid, UID_BASE } from "./helpers";

let t: TestRuntime;
let a: string;
let b: string;
beforeAll(async () => {
  t = await startTestRuntime({ poolSize: 2 });
  a = await t.wire.newSession({ timeout: 600 });
  b = await t.wire.newSession({ timeout: 600 });
});
afterAll(async () => {
  await t?.stop();
});

const slotOf = async (id: string) => {
  const r = await t.wire.shell(id, "id -u");
  return slotOfUid(Number(r.out.stdout.trim()));
};

describe("containment (issue 3)", () => {
  it("runs as an unprivileged uid of its own", async () => {
    const ua = await t.wire.shell(a, "id -u; id -un");
    const ub = await t.wire.shell(b, "id -u");
    expect(Number(ua.out.stdout.split("\n")[0])).toBeGreaterThanOrEqual(UID_BASE);
    expect(ua.out.stdout.split("\n")[1]).toBe("user");
    expect(ub.out.stdout).not.toBe(ua.out.stdout.split("\n")[0] + "\n");
  });

  it("has no network: curl and python sockets fail, only lo exists, the runtime is unreachable", async () => {
    // The probes must fail for the network's sake, not because the tool is missing (exit 127).
    expect((await t.wire.shell(a, "command -v curl")).out.exit_code).toBe(0);
    const curl = await t.wire.shell(a, "curl -sS -m 3 http://1.1.1.1/", { timeout_ms: 10_000 });
    expect(curl.out.exit_code).toBe(7); // curl's "failed to connect"
    expect(curl.out.stderr).toMatch(/Failed to connect|Network is unreachable|Could not connect/i);
    const py = await t.wire.shell(
      a,
      "python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), timeout=3)\"",
      { timeout_ms: 10_000 },
    );
    expect(py.out.exit_code).not.toBe(0);
    expect(py.out.stderr).toMatch(/Network is unreachable|OSError|timed out/);
    const ifs = await t.wire.shell(a, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
    expect(ifs.out.stdout).toBe("lo\n");
    const rt = await t.wire.shell(a, `curl -sS -m 2 ${t.rt.url}/health`, { timeout_ms: 10_000 });
    expect(rt.out.exit_code).toBe(7);
    expect(rt.out.stderr).toMatch(/Failed to connect|Connection refused|Could not connect/i);
  });

  it("cannot see host files, the project, the data dir or another session's files", async () => {
    await t.wire.shell(b, "echo secret-of-b > ~/b-secret.txt && echo secret-of-b > /tmp/b-secret.txt");
    const slotB = await slotOf(b);
    const homeB = slotHome(t.rt.runtimeDir, slotB);
    expect(fs.readFileSync(path.join(homeB, "b-secret.txt"), "utf8")).toBe("secret-of-b\n");
    const probes = [
      "ls /root",
      `ls ${process.cwd()}`,
      `ls ${t.dataDir}`,
      `cat ${homeB}/b-secret.txt`,
      "cat /etc/shadow",
      "ls /usr/local/bin/node /usr/local/bin/tsx",
    ];
    for (const cmd of probes) {
      const r = await t.wire.shell(a, cmd);
      expect(r.out.exit_code, cmd).not.toBe(0);
      expect(r.out.stdout, cmd).toBe("");
    }
    const grep = await t.wire.shell(
      a,
      "grep -rs secret-of-b / --exclude-dir=proc --exclude-dir=sys --exclude-dir=usr --exclude-dir=dev; echo done",
      { timeout_ms: 30_000 },
    );
    expect(grep.out.stdout).toBe("done\n");
    const ro = await t.wire.shell(a, "touch /usr/x || touch /etc/x");
    expect(ro.out.exit_code).not.toBe(0);
  });

  it("contains a fork bomb while the runtime and other sessions keep answering", async () => {
    const bomb = t.wire.shell(a, "f(){ f | f & }; f; sleep 3; echo after-bomb", { timeout_ms: 6_000 });
    await new Promise((r) => setTimeout(r, 800));
    const [health, other] = await Promise.all([
      t.wire.withKey(null).get("/health"),
      t.wire.shell(b, "echo b-alive", { timeout_ms: 30_000 }),
    ]);
    expect(health.body.ok).toBe(true);
    expect(other.out, other.res.text).toBeTruthy();
    expect(other.out.stdout).toBe("b-alive\n");
    const r = await bomb;
    expect(r.res.status, r.res.text).toBe(200);
    // The shell op reads its command's output without starting threads, so the bomb's own call
    // still answers with its output (it once failed with "can't start new thread" here).
    expect(r.out, r.res.text).toBeTruthy();
    expect(r.out.stderr).toMatch(/fork|Resource temporarily unavailable/i);
    const after = await t.wire.shell(a, "ps -e --no-headers | wc -l", { timeout_ms: 20_000 });
    expect(after.out, after.res.text).toBeTruthy();
    expect(Number(after.out.stdout.trim())).toBeLessThan(10);
  });

  it("contains a memory bomb (the bomb dies, the session keeps working)", async () => {
    const r = await t.wire.shell(a, "python3 -c \"a=[]\nwhile True: a.append(b'x' * (64 * 1024 * 1024))\"", {
      timeout_ms: 40_000,
    });
    expect(r.isError).toBe(true);
    expect(r.out.exit_code).not.toBe(0);
    expect(r.out.exit_code).not.toBe(124);
    const ok = await t.wire.shell(a, "echo still-here");
    expect(ok.out.stdout).toBe("still-here\n");
    expect((await t.wire.withKey(null).get("/health")).body.ok).toBe(true);
  });

  it("caps 100 MB of `yes` output and kills `sleep 600` at its timeout", async () => {
    const y = await t.wire.shell(a, "yes | head -c 100000000", { timeout_ms: 30_000 });
    expect(y.out.exit_code).toBe(0);
    expect(y.out.stdout).toMatch(/\[stdout truncated: 1048576 of 100000000 bytes shown\]\n$/);
    const s = await t.wire.shell(a, "sleep 600", { timeout_ms: 1000 });
    expect(s.out.exit_code).toBe(124);
    expect(s.out.stderr).toMatch(/timed out/);
  });

  it("holds the session's rlimits (soft and hard) and a lower priority than the runtime's", async () => {
    const probe =
      "import os, resource as r; print([list(r.getrlimit(x)) for x in (r.RLIMIT_NPROC, r.RLIMIT_NOFILE, r.RLIMIT_FSIZE)], os.nice(0), sep=chr(10))";
    const r = await t.wire.shell(a, `python3 -c '${probe}'`);
    const [limits, nice] = r.out.stdout.trim().split("\n");
    const both = (v: number) => [v, v];
    expect(JSON.parse(limits)).toEqual([both(LIMITS.nproc), both(LIMITS.nofile), both(LIMITS.fsizeBytes)]);
    expect(Number(nice)).toBe(os.getPriority() + LIMITS.nice);
    // Lowered for good: the session cannot raise them back.
    const up = await t.wire.shell(a, `ulimit -n ${LIMITS.nofile * 2} || echo refused`);
    expect(up.out.stdout).toMatch(/refused/);
  });

  it("limits file size", async () => {
    const r = await t.wire.shell(a, "head -c 1100000000 /dev/zero > /tmp/big; echo rc=$?; rm -f /tmp/big", {
      timeout_ms: 30_000,
    });
    // The wall, not a timeout or a missing tool: head is killed by SIGXFSZ (128 + 25) or fails writing.
    expect(r.out.exit_code).toBe(0);
    expect(r.out.stdout).toMatch(/^rc=(153|1)\n$/);
    expect(r.out.stderr).toMatch(/File size limit exceeded|File too large|Disk quota exceeded|No space left/i);
  });
});
