/**
 * Containment of Python kernels forked from the runtime's zygote (AGB_RUNTIME_ZYGOTE=1): a kernel
 * born outside the sandbox must end up exactly where a kernel started inside it would be: the
 * session's uid without capabilities, its namespaces, cgroups and rlimits, no descriptor but its
 * own, nothing of another session or of the runtime; and the containment probes (network, host
 * files, other sessions, fork and memory bombs) hold from inside it. Needs root (setns).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processTree } from "@/lib/runtime/warm/cpu-priority";
import { runCode } from "../runtime-kernels/helpers";
import { startTestRuntime, type TestRuntime, slotOfUid } from "./helpers";

const isRoot = process.getuid?.() === 0;
let t: TestRuntime;
let a: string;
let b: string;

beforeAll(async () => {
  if (!isRoot) return;
  t = await startTestRuntime({ poolSize: 1, zygote: true, prewarm: true });
  a = await t.wire.newSession({ timeout: 600 });
  b = await t.wire.newSession({ timeout: 600 });
});
afterAll(async () => {
  await t?.stop();
});

const read = (f: string) => fs.readFileSync(f, "utf8");
const statusField = (pid: number, field: string) =>
  new RegExp(`^${field}:[ \\t]*(.*)$`, "m").exec(read(`/proc/${pid}/status`))?.[1].trim() ?? "";
// Only this runtime's processes: other runtimes on the machine use the same slot uids.
const pids = () => processTree(process.pid);
const cmdline = (pid: number) => {
  try {
    return read(`/proc/${pid}/cmdline`);
  } catch {
    return "";
  }
};
const uidOfProc = (pid: number) => {
  try {
    return fs.statSync(`/proc/${pid}`).uid;
  } catch {
    return -1;
  }
};

async function uidOf(id: string): Promise<number> {
  const r = await t.wire.shell(id, "id -u");
  return Number(r.out.stdout.trim());
}
const inChildPidNs = (p: number) => statusField(p, "NSpid").split(/\s+/).length > 1;
/** The session's forked kernel(s), any process of the zygote's left outside its pid namespace, and its agent, by host pid. */
function processesOf(uid: number) {
  const mine = pids().filter((p) => uidOfProc(p) === uid);
  return {
    kernels: mine.filter((p) => cmdline(p).includes("agb-zygote") && inChildPidNs(p)),
    waiters: mine.filter((p) => cmdline(p).includes("agb-zygote") && !inChildPidNs(p)),
    agent: mine.find(
      (p) =>
        cmdline(p).startsWith("/usr/bin/python3\0") &&
        cmdline(p).includes("/agent.py") &&
        statusField(p, "NSpid").split(/\s+/).length > 1,
    )!,
  };
}
const zygotePid = () => pids().find((p) => uidOfProc(p) === 0 && cmdline(p).includes("agb-zygote"));

describe.runIf(isRoot)("zygote-born Python kernels (containment)", () => {
  it("run code and come from the zygote", async () => {
    const r = await runCode(t.wire, a, "print(1)", "python");
    expect(r.stdout).toBe("1\n");
    await runCode(t.wire, b, "print(2)", "python");
    expect(zygotePid()).toBeDefined();
    expect(processesOf(await uidOf(a)).kernels).toHaveLength(1);
  });

  it("runs as the session uid with no capabilities, in the session's namespaces, cgroups and rlimits", async () => {
    const uid = await uidOf(a);
    const { kernels, agent } = processesOf(uid);
    const k = kernels[0];
    expect(statusField(k, "Uid").split(/\s+/).map(Number)).toEqual([uid, uid, uid, uid]);
    expect(statusField(k, "Gid").split(/\s+/).map(Number)).toEqual([uid, uid, uid, uid]);
    expect(statusField(k, "Groups")).toBe("");
    for (const cap of ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"])
      expect(BigInt("0x" + statusField(k, cap)), cap).toBe(0n);
    expect(statusField(k, "NoNewPrivs")).toBe("1");
    for (const ns of ["user", "mnt", "pid", "net", "ipc", "uts", "cgroup"])
      expect(fs.readlinkSync(`/proc/${k}/ns/${ns}`), ns).toBe(fs.readlinkSync(`/proc/${agent}/ns/${ns}`));
    const groups = (p: number) =>
      read(`/proc/${p}/cgroup`)
        .split("\n")
        .filter((l) => /:(memory|pids):/.test(l))
        .sort();
    expect(groups(k)).toEqual(groups(agent));
    expect(groups(k).every((l) => /agb-\d+-\d+-\d+$/.test(l))).toBe(true);
    const limit = (p: number, name: string) =>
      read(`/proc/${p}/limits`)
        .split("\n")
        .find((l) => l.startsWith(name));
    for (const name of ["Max processes", "Max open files", "Max file size"])
      expect(limit(k, name), name).toBe(limit(agent, name));
  });

  it("holds no descriptor but its own: nothing of the zygote, the runtime or the host", async () => {
    const uid = await uidOf(a);
    const k = processesOf(uid).kernels[0];
    const z = zygotePid()!;
    const zygoteChannel = new Set([0, 1, 2].map((fd) => fs.readlinkSync(`/proc/${z}/fd/${fd}`)));
    for (const fd of fs.readdirSync(`/proc/${k}/fd`)) {
      const target = fs.readlinkSync(`/proc/${k}/fd/${fd}`);
      expect(zygoteChannel.has(target), `fd ${fd} → ${target}`).toBe(false);
      // Files it holds are inside the sandbox (/dev/null, its kernel dir in the session's /tmp).
      if (target.startsWith("/"))
        expect(target, `fd ${fd}`).toMatch(/^(\/dev\/null|\/tmp\/\.agb-kernels-\d+\/python-[0-9a-f]+\/kernel\.log)$/);
      else expect(target, `fd ${fd}`).toMatch(/^(pipe|socket|anon_inode):/);
    }
    // Its environment is the session's, not the runtime's.
    // Nothing of the zygote's stays behind in the session: the kernel's launcher is gone and the
    // kernel's parent is the session's agent (which reaps it), not a process outside the sandbox.
    const { waiters, agent } = processesOf(uid);
    expect(waiters).toEqual([]);
    expect(Number(statusField(k, "PPid"))).toBe(agent);
    const env = await runCode(
      t.wire,
      a,
      "import os; print(sorted(k for k in os.environ if k.startswith('AGB_RUNTIME') or 'KEY' in k))",
      "python",
    );
    expect(env.stdout).toBe("[]\n");
  });

  it("has the IPython shell a fresh kernel of its session would: its home, dirs, cwd, environment, sys state", async () => {
    // The zygote builds the shell once (scratch ipython/profile dirs, its own home and cwd); a kernel
    // that adopts it must hold nothing of that, down to every string reachable from the shell.
    const probe = [
      "import gc, os, sys, types",
      "ip = get_ipython()",
      "home = os.path.expanduser('~')",
      "prof = os.path.join(home, '.ipython', 'profile_default')",
      "print(ip.home_dir == home, ip.ipython_dir == os.path.join(home, '.ipython'), ip.profile_dir.location == prof)",
      "print(str(ip.history_manager.hist_file) == os.path.join(prof, 'history.sqlite'), ip.history_manager.enabled, str(ip.db.root) == os.path.join(prof, 'db'), ip.logger.home_dir == home)",
      "print([str(p) for p in _dh] == [os.getcwd()], ip.starting_dir == os.getcwd(), os.environ.get('PAGER'), os.environ.get('CLICOLOR'))",
      "print(sys.modules['__main__'] is ip.user_module, ip._orig_sys_module_state['stdout'] is sys.stdout, ip.sys_excepthook == ip.parent.parent.excepthook)",
      "print(type(ip.parent).__name__, ip.kernel is ip.parent)",
      "import jedi.settings, parso.cache",
      "print(jedi.settings.cache_directory == os.path.join(home, '.cache', 'jedi'), str(parso.cache._default_cache_path) == os.path.join(home, '.cache', 'parso'))",
      "marks = ('agb-' + 'zygote-', '/r' + 'oot')",
      "seen, todo, found = set(), [ip], []",
      "while todo:",
      "    o = todo.pop()",
      "    if id(o) in seen: continue",
      "    seen.add(id(o))",
      "    if isinstance(o, str):",
      "        if o not in marks and any(m in o for m in marks): found.append(o)",
      "    elif not isinstance(o, (types.ModuleType, type, types.FunctionType, types.CodeType)) and not (isinstance(o, dict) and '__builtins__' in o and o is not ip.user_ns):",
      "        todo.extend(gc.get_referents(o))",
      "print(len(seen) > 1000, found)",
    ].join("\n");
    const r = await runCode(t.wire, a, probe, "python");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "True True True",
        "True False True True",
        "True True cat 1",
        "True True True",
        "IPythonKernel True",
        "True True",
        "True []",
        "",
      ].join("\n"),
    );
  });

  it("runs magics, shell escapes, completion and tracebacks in that shell as a fresh kernel does", async () => {
    const code = [
      "import os",
      "ip = get_ipython()",
      "%cd -q /tmp",
      "here = %pwd",
      "%cd -q -",
      "out = !echo hi",
      "pager = %env PAGER",
      "print(here, os.getcwd() == os.path.expanduser('~'), list(out), ip.kernel.do_complete('get_ipy', 7)['matches'], pager)",
      "%timeit -n1 -r1 pass",
    ].join("\n");
    const r = await runCode(t.wire, a, code, "python");
    expect(r.stdout).toMatch(
      /^\/tmp True \['hi'\] \['get_ipython'\] cat\n.* per loop \(mean ± std\. dev\. of 1 run, 1 loop each\)\n$/,
    );
    const err = await runCode(t.wire, a, "def f():\n    return 1 / 0\nf()", "python");
    expect(err.success).toBe(false);
    expect(JSON.stringify(err.raw)).toMatch(/ZeroDivisionError.*division by zero/);
  });

  it("starts with a fresh namespace and reads its session's own IPython startup files and config, as a fresh kernel would", async () => {
    const c = await t.wire.newSession({ timeout: 600 });
    const restart = async () => {
      await runCode(t.wire, c, "import os; os._exit(0)", "python");
    };
    // A new kernel's namespace holds only what IPython puts there.
    const ns = await runCode(
      t.wire,
      c,
      "print(sorted(k for k in get_ipython().user_ns if not k.startswith('_')))",
      "python",
    );
    expect(ns.stdout).toBe("['In', 'Out', 'exit', 'get_ipython', 'quit']\n");
    const profile = "~/.ipython/profile_default";
    await t.wire.shell(c, `mkdir -p ${profile}/startup && echo "MARK = 'startup'" > ${profile}/startup/00-mark.py`);
    await restart();
    expect((await runCode(t.wire, c, "print(MARK, get_ipython().ast_node_interactivity)", "python")).stdout).toBe(
      "startup last_expr\n",
    );
    // A config file the zygote's shell was not built with: the kernel builds its own shell from it.
    await t.wire.shell(
      c,
      `printf "c.InteractiveShell.ast_node_interactivity = 'all'\\nc.InteractiveShellApp.exec_lines = ['CONF = 1']\\n" > ${profile}/ipython_kernel_config.py`,
    );
    await restart();
    const r = await runCode(t.wire, c, "print(MARK, CONF, get_ipython().ast_node_interactivity)\n1\n2", "python");
    expect(r.stdout).toBe("startup 1 all\n");
    expect(r.results.map((x: Record<string, unknown>) => x["text/plain"])).toEqual(["1", "2"]);
    expect(processesOf(await uidOf(c)).kernels).toHaveLength(1);
  });

  it("sees only its own session: no other session's processes or files, no root process, no zygote", async () => {
    const uidA = await uidOf(a);
    await t.wire.shell(b, "echo secret-of-b > ~/b-secret.txt");
    const slotB = slotOfUid(await uidOf(b));
    const probe = await runCode(
      t.wire,
      a,
      [
        "import os",
        "uids = set()",
        "for p in os.listdir('/proc'):",
        "    if p.isdigit():",
        "        try: uids.add(os.stat('/proc/' + p).st_uid)",
        "        except OSError: pass",
        "print(sorted(uids))",
        `print(os.path.exists(${JSON.stringify(path.join(t.rt.runtimeDir, "slots", String(slotB)))}))`,
        "print(os.path.exists('/root'), os.getuid())",
      ].join("\n"),
      "python",
    );
    expect(probe.stdout).toBe(`[${uidA}]\nFalse\nFalse ${uidA}\n`);
  });

  it("has no network from the kernel", async () => {
    const r = await runCode(
      t.wire,
      a,
      "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 80), timeout=3); print('connected')\nexcept OSError as e:\n    print('blocked')",
      "python",
    );
    expect(r.stdout).toBe("blocked\n");
  });

  it("contains a fork bomb started in the kernel (pids cgroup / nproc), and the kernel answers after", async () => {
    const code = [
      "import os, time",
      "kids, failed = [], False",
      "for _ in range(2000):",
      "    try:",
      "        pid = os.fork()",
      "    except OSError:",
      "        failed = True",
      "        break",
      "    if pid == 0:",
      "        time.sleep(30); os._exit(0)",
      "    kids.append(pid)",
      "for p in kids: os.kill(p, 9)",
      "for p in kids: os.waitpid(p, 0)",
      "print(failed, len(kids) < 2000)",
    ].join("\n");
    const r = await runCode(t.wire, a, code, "python", 60);
    expect(r.stdout).toBe("True True\n");
    expect((await runCode(t.wire, a, "print('alive')", "python")).stdout).toBe("alive\n");
  });

  it("contains a memory bomb: the kernel dies, the next run gets a new forked kernel", async () => {
    const r = await runCode(t.wire, b, "a = []\nwhile True: a.append(b'x' * (64 * 1024 * 1024))", "python", 60);
    expect(r.success).toBe(false);
    // The kernel's exit status reached the agent, its parent once the zygote's launcher was gone.
    expect(r.raw?.executionError ?? r.stderr).toMatch(/was killed by SIGKILL \(probably out of memory\)/);
    const again = await runCode(t.wire, b, "print('back')", "python");
    expect(again.stdout).toBe("back\n");
    expect(processesOf(await uidOf(b)).kernels).toHaveLength(1);
    expect((await t.wire.withKey(null).get("/health")).body.ok).toBe(true);
  });
});
