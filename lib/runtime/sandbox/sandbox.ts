/**
 * One session sandbox: bubblewrap whose pid 1 is `python3 agent.py` (docs/ARCHITECTURE.md, "Sandbox").
 *
 *   [sh: join cgroups] → setpriv (uid 100000+slot, when root)
 *     → bwrap --unshare-all (no network) --as-pid-1 --die-with-parent --new-session --clearenv
 *         ro /usr and a minimal /etc, tmpfs /usr/local, /home/user and /tmp from the slot's disk
 *         (disk.ts), agent dir ro
 *       → python3 agent.py --limits=nproc,nofile,fsize,nice: the agent lowers its own rlimits and
 *         priority before it answers its ready line (agent.py, apply_limits)
 *
 * The agent is the namespace's init so that user code (its children, same uid) cannot signal it;
 * agent/guard.py has the rest of that wall. SIGKILL of the launched process (bwrap) ends everything
 * inside (pid namespace); the cgroup sweep in destroy() catches anything else. Unsandboxed mode (AGB_RUNTIME_UNSANDBOXED=1) runs the agent
 * directly, still under its own uid when root, and every session reports `sandboxed:false`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import fs from "node:fs";
import { AgentClient, processState } from "./agent-client";
import type { CgroupHandle, Cgroups } from "./cgroups";
import type { DiskSettings } from "./disk";
import { LIMITS } from "./limits";
import { prepareSlotDisk, releaseSlotFiles, slotUid, type SlotPaths } from "./slots";
import { AGENT_DIR_IN_SANDBOX, slotIdentity, type Sysroot } from "./sysroot";

export const HOME_IN_SANDBOX = "/home/user";
export const AGENT_DIR_ON_HOST = path.resolve(__dirname, "..", "agent");
const PYTHON = "/usr/bin/python3";

export interface LaunchOptions {
  /** more cgroup.procs files the launcher joins before exec (an idle cpu group) */
  join?: string[];
  /** the slot's disk, already made by prepareSlotDisk (a pool's spare disk) */
  disk?: SlotPaths;
}

export interface SandboxHost {
  runtimeDir: string;
  isRoot: boolean;
  /** session uid = uidBase + slot when root */
  uidBase?: number;
  unsandboxed: boolean;
  cgroups: Cgroups;
  bwrapPath: string;
  disk: DiskSettings;
  /** minimal /etc and agent copy (sysroot.ts); absent: the host's /etc and the project's agent dir */
  sysroot?: Sysroot;
  /** log of agent faults (oversized frames, wedged agents); defaults to stderr */
  onAgentFault?: (slot: number, reason: string) => void;
}

/**
 * bubblewrap arguments for a slot (exported for the benchmark's one-shot baseline). Without a
 * sysroot (the baseline) the host's /etc and the agent folder in the project are bound.
 */
export function bwrapArgs(p: SlotPaths, cmd: string[], sys?: Pick<Sysroot, "etc" | "agentDir">): string[] {
  return [
    "--unshare-all",
    "--as-pid-1",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
    "--hostname",
    "agb-session",
    "--ro-bind",
    "/usr",
    "/usr",
    "--symlink",
    "usr/bin",
    "/bin",
    "--symlink",
    "usr/sbin",
    "/sbin",
    "--symlink",
    "usr/lib",
    "/lib",
    "--symlink",
    "usr/lib64",
    "/lib64",
    "--ro-bind",
    sys?.etc ?? "/etc",
    "/etc",
    "--ro-bind",
    p.passwd,
    "/etc/passwd",
    "--ro-bind",
    p.group,
    "/etc/group",
    "--tmpfs",
    "/usr/local",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--bind",
    p.home,
    HOME_IN_SANDBOX,
    "--bind",
    p.tmp,
    "/tmp",
    "--dir",
    "/var/tmp",
    "--ro-bind",
    sys?.agentDir ?? AGENT_DIR_ON_HOST,
    AGENT_DIR_IN_SANDBOX,
    "--chdir",
    HOME_IN_SANDBOX,
    "--setenv",
    "HOME",
    HOME_IN_SANDBOX,
    "--setenv",
    "USER",
    "user",
    "--setenv",
    "LOGNAME",
    "user",
    "--setenv",
    "PATH",
    "/usr/bin:/bin:/usr/sbin:/sbin",
    "--setenv",
    "LANG",
    "C.UTF-8",
    "--setenv",
    "PYTHONDONTWRITEBYTECODE",
    "1",
    "--setenv",
    "AGB_SANDBOXED",
    "1",
    "--",
    ...cmd,
  ];
}

export class Sandbox {
  readonly client: AgentClient;
  private cg: CgroupHandle | null = null;
  private destroyed = false;
  private cgCleanup: Promise<void> = Promise.resolve();

  private constructor(
    private readonly host: SandboxHost,
    readonly slot: number,
    readonly uid: number,
    readonly paths: SlotPaths,
    /** more cgroup.procs files the launcher joins before exec (an idle cpu group) */
    private readonly joinProcs: string[],
  ) {
    this.client = new AgentClient(() => this.launch(), {
      name: `sandbox ${slot}`,
      onFault: (reason) => (host.onAgentFault ?? ((s, r) => console.error(`sandbox ${s}: ${r}`)))(slot, reason),
      agentState: () => {
        const pid = this.agentHostPid();
        return pid === undefined ? undefined : processState(pid);
      },
    });
    this.client.onExit(() => {
      const cg = this.cg;
      this.cg = null;
      if (cg) this.cgCleanup = host.cgroups.destroy(cg);
    });
  }

  get sandboxed(): boolean {
    return !this.host.unsandboxed;
  }

  /** Prepares the slot's folders and starts the agent; resolves once it answered its ready line. */
  static async start(host: SandboxHost, slot: number, opts: LaunchOptions = {}): Promise<Sandbox> {
    const sb = await Sandbox.launch(host, slot, opts);
    await sb.client.start();
    return sb;
  }

  /**
   * Prepares the slot's folders and spawns the agent without waiting for its ready line: calls
   * written meanwhile wait in its stdin pipe, and ensureRunning() awaits the start (its failure
   * included) before a tool call.
   */
  static async launch(host: SandboxHost, slot: number, { join = [], disk }: LaunchOptions = {}): Promise<Sandbox> {
    const uid = slotUid(slot, host.isRoot, host.uidBase);
    let paths = disk ?? (await prepareSlotDisk(host.runtimeDir, slot, uid, host.isRoot, host.disk));
    if (host.sysroot)
      paths = {
        ...paths,
        ...slotIdentity(
          host.sysroot,
          slot,
          fs.readFileSync(paths.passwd, "utf8"),
          fs.readFileSync(paths.group, "utf8"),
        ),
      };
    const sb = new Sandbox(host, slot, uid, paths, join);
    sb.client.start().catch(() => undefined); // awaited by ensureRunning()
    return sb;
  }

  /**
   * Resolves once the agent answered its ready line: the pending start of a just-launched sandbox
   * (rejecting with why it failed), or a new start after the agent died (same slot, same files).
   */
  async ensureRunning(): Promise<void> {
    if (this.destroyed) throw new Error("sandbox was destroyed");
    await this.client.start();
  }

  private launch() {
    const { host, uid } = this;
    const nproc = host.isRoot ? LIMITS.nproc : LIMITS.nprocSharedUid;
    // The agent sets these on itself before it serves anything: every process of the session is its
    // descendant or (a forked kernel) copies them from it. Set there rather than by `nice` and
    // `prlimit` execs in front of bwrap, which cost every sandbox's start ~2.3 ms of CPU.
    const limits = `--limits=${nproc},${LIMITS.nofile},${LIMITS.fsizeBytes},${LIMITS.nice}`;
    const agentCmd = host.unsandboxed
      ? [PYTHON, path.join(AGENT_DIR_ON_HOST, "agent.py"), limits]
      : // -I -S -B: no site processing (.pth files) nor environment lookups at start-up, a few ms of
        // CPU per sandbox; the kernels module adds the package folders it needs (kernels/jupyter.py).
        [PYTHON, "-I", "-S", "-B", `${AGENT_DIR_IN_SANDBOX}/agent.py`, limits];
    let cmd = host.unsandboxed ? agentCmd : [host.bwrapPath, ...bwrapArgs(this.paths, agentCmd, host.sysroot)];
    if (host.isRoot)
      cmd = ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--", ...cmd];
    this.cg = host.cgroups.available ? host.cgroups.create(this.slot) : null;
    const procs = [...(this.cg?.procsFiles ?? []), ...this.joinProcs];
    if (procs.length > 0) {
      // Join the groups before exec so nothing inside ever runs outside them.
      const joins = procs.map((f) => `echo $$ > '${f}'`).join(" && ");
      cmd = ["/bin/sh", "-c", `${joins} && exec "$@"`, "sh", ...cmd];
    }
    const env: Record<string, string> = host.unsandboxed
      ? {
          HOME: this.paths.home,
          USER: "user",
          LOGNAME: "user",
          PATH: "/usr/bin:/bin:/usr/sbin:/sbin",
          LANG: "C.UTF-8",
          PYTHONDONTWRITEBYTECODE: "1",
          AGB_SANDBOXED: "0",
        }
      : { PATH: "/usr/bin:/bin:/usr/sbin:/sbin" };
    return spawn(cmd[0], cmd.slice(1), {
      stdio: ["pipe", "pipe", "pipe"],
      env: env as NodeJS.ProcessEnv,
      cwd: host.unsandboxed ? this.paths.home : "/",
    });
  }

  /** Kills every process of the sandbox; with removeFiles its home and /tmp are deleted too. */
  async destroy(removeFiles: boolean): Promise<void> {
    this.destroyed = true;
    const wasAlive = this.client.alive;
    const exited = new Promise<void>((r) => (wasAlive ? this.client.onExit(() => r()) : r()));
    this.client.kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    const cg = this.cg;
    this.cg = null;
    if (cg) await this.host.cgroups.destroy(cg);
    await this.cgCleanup;
    if (removeFiles) await releaseSlotFiles(this.host.runtimeDir, this.slot);
  }

  /**
   * Host pid of the agent (pid 1 inside), for a root process that joins the sandbox with setns
   * through /proc/<pid>/ns/*: the one child of the bwrap process that launch() ends in.
   */
  agentHostPid(): number | undefined {
    let pid = this.client.pid;
    // launch() execs through sh/setpriv into bwrap, so the launched pid is bwrap's.
    for (let depth = 0; pid !== undefined && depth < 3; depth++) {
      let comm = "";
      try {
        comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      } catch {
        return undefined;
      }
      if (comm !== "bwrap") return pid;
      let kids: string[] = [];
      try {
        kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      } catch {
        return undefined;
      }
      pid = kids.length ? Number(kids[kids.length - 1]) : undefined;
    }
    return pid;
  }
}
