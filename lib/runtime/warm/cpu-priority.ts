/**
 * Idle-only CPU for pre-warming: each pooled sandbox runs in its own cgroup v1 `cpu` group with
 * `cpu.idle=1` (the group is scheduled like SCHED_IDLE: it runs only on CPU nobody else wants;
 * kernels without cpu.idle get the smallest `cpu.shares` instead). When a session takes the sandbox,
 * or its first tool call arrives while a kernel is still warming, the group is promoted to normal
 * weight in place: no process has to move, so nothing forked meanwhile can stay behind.
 *
 * A sandbox's launcher joins the group before it execs (as it joins its memory and pids groups), so
 * the sandbox boots in it too: creates do not wait for a boot, which then yields to the creates that
 * follow until the session takes a pooled sandbox or sends its first tool call. Nothing is moved
 * later: moving a running process between cgroups v1 waits on an RCU grace period, tens to hundreds
 * of ms on a busy host, which the runtime's event loop would spend blocked. Children inherit the
 * group, so the kernel a warm-up starts is idle too. Without a writable cpu controller this is a
 * no-op.
 */
import fs from "node:fs";
import path from "node:path";
import { pidAlive } from "../pid-alive";

export interface CpuGroup {
  dir: string;
  idle: boolean;
}

const NAME = /^agb-warm-(\d+)-\d+-\d+$/;

function ownCpuDir(): string | null {
  try {
    for (const line of fs.readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
      const [, ctrls, p] = line.split(":");
      if (ctrls && ctrls.split(",").includes("cpu")) {
        const dir = path.join("/sys/fs/cgroup", ctrls, p ?? "/");
        return fs.existsSync(path.join(dir, "cgroup.procs")) ? dir : null;
      }
    }
  } catch {
    /* no /proc */
  }
  return null;
}

/** The pid and all its descendants (from /proc/<pid>/task/<tid>/children). */
export function processTree(root: number): number[] {
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        for (const c of fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" "))
          if (c.trim()) todo.push(Number(c));
      } catch {
        /* exited */
      }
    }
  }
  return out;
}

export class CpuPriority {
  private counter = 0;
  private constructor(private readonly base: string | null) {}

  static detect(): CpuPriority {
    const dir = ownCpuDir();
    if (!dir) return CpuPriority.none();
    const probe = path.join(dir, `agb-warm-probe-${process.pid}`);
    try {
      fs.mkdirSync(probe);
      fs.rmdirSync(probe);
      return new CpuPriority(dir);
    } catch {
      return CpuPriority.none();
    }
  }

  /** Warming at normal priority, as on a host without a writable cpu controller. */
  static none(): CpuPriority {
    return new CpuPriority(null);
  }

  get available(): boolean {
    return this.base !== null;
  }

  describe(): string {
    return this.base
      ? `idle-priority warming in cpu cgroups under ${this.base}`
      : "no writable cpu cgroup: warming at normal priority";
  }

  /** A new, empty idle group for a sandbox to launch into; null when cgroups are unavailable. */
  idleGroup(slot: number): CpuGroup | null {
    if (!this.base) return null;
    const dir = path.join(this.base, `agb-warm-${process.pid}-${slot}-${++this.counter}`);
    try {
      fs.mkdirSync(dir);
      if (!this.write(dir, "cpu.idle", "1")) this.write(dir, "cpu.shares", "2");
      return { dir, idle: true };
    } catch {
      return null;
    }
  }

  /** Normal weight from now on (idempotent). */
  promote(g: CpuGroup | null): void {
    if (!g || !g.idle) return;
    g.idle = false;
    this.write(g.dir, "cpu.idle", "0");
    this.write(g.dir, "cpu.shares", "1024");
  }

  /** Removes the group once its processes are gone (the sandbox was killed before). */
  async remove(g: CpuGroup | null): Promise<void> {
    if (!g) return;
    for (let i = 0; i < 50; i++) {
      try {
        fs.rmdirSync(g.dir);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  /** Groups left by runtimes that died. */
  sweepStale(): void {
    if (!this.base) return;
    for (const entry of fs.readdirSync(this.base)) {
      const m = NAME.exec(entry);
      if (!m || pidAlive(Number(m[1]))) continue;
      try {
        fs.rmdirSync(path.join(this.base, entry));
      } catch {
        /* still has tasks */
      }
    }
  }

  private write(dir: string, file: string, value: string): boolean {
    try {
      fs.writeFileSync(path.join(dir, file), value);
      return true;
    } catch {
      return false;
    }
  }
}
