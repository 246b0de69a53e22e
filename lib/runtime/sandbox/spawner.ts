/**
 * Host commands (mkfs.ext4, mount, umount) run by a small helper process (spawner.py) instead of
 * child_process: each Node spawn forks the whole runtime and blocks the event loop until the child
 * has exec'd, which in a fleet of creates was most of the loop's time (docs/ARCHITECTURE.md, "Speed").
 * The helper starts on first use, gets only PATH, and ends with the runtime (its stdin closes); it
 * does not keep the process alive. If it cannot run, commands fall back to execFile.
 *
 *   await runCommand("mkfs.ext4", [...]) → resolves on exit 0, rejects with the stderr tail
 *   await mountImage(image, mountPoint)  → the loop mount of a session's disk image (mount(8)'s set-up
 *                                          scanned every loop device and the mount table: ~4 ms of CPU)
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);
const SCRIPT = path.join(__dirname, "spawner.py");

interface Reply {
  id: number | null;
  ready?: boolean;
  code?: number | null;
  stderr?: string;
}

class Spawner {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, (r: Reply) => void>();
  private nextId = 1;
  private broken = false;

  private ensure(): ChildProcess | null {
    if (this.broken) return null;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return this.child;
    let child: ChildProcess;
    const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin" };
    try {
      child = spawn("/usr/bin/python3", ["-I", "-S", "-B", SCRIPT], {
        stdio: ["pipe", "pipe", "ignore"],
        env: env as NodeJS.ProcessEnv,
        cwd: "/",
      });
    } catch {
      this.broken = true;
      return null;
    }
    let buf = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (c: string) => {
      buf += c;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let r: Reply;
        try {
          r = JSON.parse(line);
        } catch {
          continue;
        }
        const done = typeof r.id === "number" ? this.pending.get(r.id) : undefined;
        if (done) {
          this.pending.delete(r.id!);
          if (this.pending.size === 0) this.holdOpen(child, false);
          done(r);
        }
      }
    });
    child.stdin!.on("error", () => {});
    const lost = () => {
      if (this.child === child) this.child = null;
      for (const done of this.pending.values()) done({ id: null, code: null, stderr: "the spawner exited" });
      this.pending.clear();
    };
    child.on("error", () => {
      this.broken = true;
      lost();
    });
    child.on("exit", lost);
    // The idle helper keeps no process alive (the runtime, a test); its replies are awaited while
    // requests are pending (holdOpen).
    child.unref();
    this.holdOpen(child, false);
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    this.child = child;
    return child;
  }

  private holdOpen(child: ChildProcess, hold: boolean): void {
    const out = child.stdout as unknown as { ref?: () => void; unref?: () => void };
    if (hold) out.ref?.();
    else out.unref?.();
  }

  /** The helper's reply to a request, or null when there is no helper. */
  private request(req: Record<string, unknown>): Promise<Reply> | null {
    const child = this.ensure();
    if (!child) return null;
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      if (this.pending.size === 0) this.holdOpen(child, true);
      this.pending.set(id, resolve);
      child.stdin!.write(JSON.stringify({ id, ...req }) + "\n");
    });
  }

  async run(cmd: string, args: string[]): Promise<void> {
    const r = await this.request({ argv: [cmd, ...args] });
    if (!r) {
      await execFileAsync(cmd, args);
      return;
    }
    if (r.code !== 0) throw new Error(`Command failed: ${[cmd, ...args].join(" ")} (${r.code})\n${r.stderr ?? ""}`);
  }

  async mountImage(image: string, target: string): Promise<void> {
    const r = await this.request({ mountImage: [image, target] });
    if (!r) throw new Error("no spawner");
    if (r.code !== 0) throw new Error(r.stderr ?? "mount failed");
  }
}

const spawner = new Spawner();

/** Runs a host command to completion off the event loop; rejects when it fails (exit status and stderr). */
export const runCommand = (cmd: string, args: string[]): Promise<void> => spawner.run(cmd, args);

/**
 * `mount -t ext4 -o loop,nosuid,nodev,noatime image target`, done by the helper itself (a free loop
 * device with autoclear, then mount(2)); rejects when it could not, and the caller falls back to mount(8).
 */
export const mountImage = (image: string, target: string): Promise<void> => spawner.mountImage(image, target);
