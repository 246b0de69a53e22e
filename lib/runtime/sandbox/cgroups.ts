/**
 * cgroup v1 memory + pids groups per sandbox launch, created under the runtime's own cgroups
 * (/proc/self/cgroup). Each launch gets a fresh group `agb-<runtime pid>-<slot>-<n>` so a respawned
 * sandbox never shares accounting with a dead one; groups of dead runtimes are swept at start.
 * Missing or read-only controllers degrade to rlimits only (reported by `describe()`).
 */
import fs from "node:fs";
import path from "node:path";
import { pidAlive } from "../pid-alive";

export interface CgroupHandle {
  name: string;
  /** cgroup.procs files the launcher writes its pid into before exec */
  procsFiles: string[];
  dirs: string[];
  slot: number;
  /** its memory group, when it has one */
  memoryDir?: string;
}

function ownDir(controller: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync("/proc/self/cgroup", "utf8");
  } catch {
    return null;
  }
  for (const line of text.split("\n")) {
    const [, ctrls, p] = line.split(":");
    if (ctrls && ctrls.split(",").includes(controller)) {
      const dir = path.join("/sys/fs/cgroup", controller, p ?? "/");
      return fs.existsSync(path.join(dir, "cgroup.procs")) ? dir : null;
    }
  }
  return null;
}

function writable(dir: string): boolean {
  const probe = path.join(dir, `agb-probe-${process.pid}`);
  try {
    fs.mkdirSync(probe);
    fs.rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** The memory group of each slot's latest launch: metrics read it on every sample and every run. */
const memoryDirBySlot = new Map<number, string>();
/** The memory cgroup dir of the slot's current sandbox (a respawned sandbox gets a new group). */
export const slotMemoryDir = (slot: number | null): string | null =>
  slot === null ? null : (memoryDirBySlot.get(slot) ?? null);

const readNum = (f: string): number | null => {
  try {
    const n = Number(fs.readFileSync(f, "utf8").trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
};

/** Memory of the slot's newest sandbox cgroup: usage minus inactive page cache (what the limit reclaims last). */
export function cgroupMemory(slot: number | null): { used: number; limit: number } | null {
  const dir = slotMemoryDir(slot);
  if (!dir) return null;
  const usage = readNum(path.join(dir, "memory.usage_in_bytes"));
  const limit = readNum(path.join(dir, "memory.limit_in_bytes"));
  if (usage === null || limit === null) return null;
  let inactive = 0;
  try {
    const m = /^total_inactive_file (\d+)$/m.exec(fs.readFileSync(path.join(dir, "memory.stat"), "utf8"));
    if (m) inactive = Number(m[1]);
  } catch {
    /* keep raw usage */
  }
  return { used: Math.max(0, usage - inactive), limit };
}

/**
 * How many processes the kernel's OOM killer has killed in the slot's sandbox so far, with the
 * group's limit; null without a memory cgroup. A rise across a run means the run lost a process to it.
 */
export function cgroupOomKills(slot: number | null): { kills: number; limit: number } | null {
  const dir = slotMemoryDir(slot);
  if (!dir) return null;
  try {
    const m = /^oom_kill (\d+)$/m.exec(fs.readFileSync(path.join(dir, "memory.oom_control"), "utf8"));
    const limit = readNum(path.join(dir, "memory.limit_in_bytes"));
    return m && limit !== null ? { kills: Number(m[1]), limit } : null;
  } catch {
    return null;
  }
}

export class Cgroups {
  private counter = 0;
  private constructor(
    private readonly memDir: string | null,
    private readonly pidsDir: string | null,
    private readonly memoryBytes: number,
    private readonly pidsMax: number,
  ) {}

  static detect(limits: { memoryBytes: number; pidsMax: number }): Cgroups {
    const mem = ownDir("memory");
    const pids = ownDir("pids");
    return new Cgroups(
      mem && writable(mem) ? mem : null,
      pids && writable(pids) ? pids : null,
      limits.memoryBytes,
      limits.pidsMax,
    );
  }

  describe(): string {
    const parts = [
      this.memDir ? `memory cgroup under ${this.memDir}` : "no memory cgroup (rlimits only)",
      this.pidsDir ? `pids cgroup under ${this.pidsDir}` : "no pids cgroup (RLIMIT_NPROC only)",
    ];
    return parts.join(", ");
  }

  get available(): boolean {
    return this.memDir !== null || this.pidsDir !== null;
  }

  create(slot: number): CgroupHandle {
    const name = `agb-${process.pid}-${slot}-${++this.counter}`;
    const h: CgroupHandle = { name, procsFiles: [], dirs: [], slot };
    if (this.memDir) {
      const d = path.join(this.memDir, name);
      try {
        fs.mkdirSync(d);
        fs.writeFileSync(path.join(d, "memory.limit_in_bytes"), String(this.memoryBytes));
        try {
          fs.writeFileSync(path.join(d, "memory.memsw.limit_in_bytes"), String(this.memoryBytes));
        } catch {
          /* no swap accounting on this kernel */
        }
        h.dirs.push(d);
        h.procsFiles.push(path.join(d, "cgroup.procs"));
        h.memoryDir = d;
        memoryDirBySlot.set(slot, d);
      } catch {
        /* fall back to rlimits for this launch */
      }
    }
    if (this.pidsDir) {
      const d = path.join(this.pidsDir, name);
      try {
        fs.mkdirSync(d);
        fs.writeFileSync(path.join(d, "pids.max"), String(this.pidsMax));
        h.dirs.push(d);
        h.procsFiles.push(path.join(d, "cgroup.procs"));
      } catch {
        /* idem */
      }
    }
    return h;
  }

  /** SIGKILLs whatever is left in the group and removes it (retrying while the kernel reaps). */
  async destroy(h: CgroupHandle): Promise<void> {
    if (h.memoryDir && memoryDirBySlot.get(h.slot) === h.memoryDir) memoryDirBySlot.delete(h.slot);
    for (let attempt = 0; attempt < 50; attempt++) {
      let left = 0;
      for (const d of h.dirs) {
        if (!fs.existsSync(d)) continue;
        let procs: string[] = [];
        try {
          procs = fs.readFileSync(path.join(d, "cgroup.procs"), "utf8").split("\n").filter(Boolean);
        } catch {
          /* gone */
        }
        for (const p of procs) {
          try {
            process.kill(Number(p), "SIGKILL");
          } catch {
            /* already gone */
          }
        }
        try {
          fs.rmdirSync(d);
        } catch {
          left++;
        }
      }
      if (left === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Removes groups left by runtimes that died (kill -9); their sandboxes died with them. */
  sweepStale(): void {
    for (const base of [this.memDir, this.pidsDir]) {
      if (!base) continue;
      for (const entry of fs.readdirSync(base)) {
        const m = /^agb-(\d+)-\d+-\d+$/.exec(entry);
        if (!m || pidAlive(Number(m[1]))) continue;
        try {
          fs.rmdirSync(path.join(base, entry));
        } catch {
          /* still has tasks; a later start retries */
        }
      }
    }
  }
}
