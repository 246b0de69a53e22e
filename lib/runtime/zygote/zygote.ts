/**
 * The Python kernel zygote (zygote.py): one root process per runtime that has done the kernel's
 * imports (ipykernel, numpy, pandas, matplotlib) and forks a kernel into a session's sandbox on
 * request, so kernels start in milliseconds and share the imported pages copy-on-write.
 *
 * Off unless AGB_RUNTIME_ZYGOTE=1 (needs root, a sandboxed runtime). The zygote gets an empty
 * environment and no descriptor but its stdin/stdout/stderr pipes; it dies with the runtime
 * (PR_SET_PDEATHSIG) and is started again on the next request if it died.
 *
 *   const z = new Zygote(log); await z.fork(agentHostPid, dir, conn, env) → the kernel's pid in its sandbox
 *   warmPython(sandbox, z) → the session's Python kernel, forked (the agent drives it: prewarm op)
 *   zygoteForks(sandbox, z).onEvent → answers the fork a run_code with `zygote: true` asks for
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { AgentClient } from "../sandbox/agent-client";
import { processTree } from "../warm/cpu-priority";

const SCRIPT = path.join(__dirname, "zygote.py");

interface Pending {
  resolve: (v: number) => void;
  reject: (e: Error) => void;
}

export class Zygote {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly log: Logger) {}

  /** Starts the zygote now (its imports take about a second of CPU) rather than on the first fork. */
  start(): Promise<void> {
    if (this.ready && this.child && this.child.exitCode === null) return this.ready;
    // The source comes on fd 3 (closed once read): a forked kernel shares the zygote's command line,
    // which must not name a host path.
    const boot = "import os;f=os.fdopen(3,'rb');s=f.read();f.close();exec(compile(s,'agb-zygote','exec'))";
    const child: ChildProcess = spawn("/usr/bin/python3", ["-I", "-c", boot, "agb-zygote"], {
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      env: {} as NodeJS.ProcessEnv,
      cwd: "/",
    });
    this.child = child;
    const src = child.stdio[3] as NodeJS.WritableStream;
    src.on("error", () => {});
    src.end(fs.readFileSync(SCRIPT));
    let buf = "";
    let readyResolve: () => void = () => {};
    let readyReject: (e: Error) => void = () => {};
    this.ready = new Promise<void>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    this.ready.catch(() => {});
    child.stdout!.on("data", (c: Buffer) => {
      buf += c.toString("utf8");
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let msg: { id?: number; ok?: boolean; result?: { pid?: number }; error?: { message?: string } };
        try {
          msg = JSON.parse(line);
        } catch {
          continue;
        }
        if (msg.id === 0) {
          readyResolve();
          continue;
        }
        const p = this.pending.get(msg.id ?? -1);
        if (!p) continue;
        this.pending.delete(msg.id!);
        if (msg.ok && typeof msg.result?.pid === "number") p.resolve(msg.result.pid);
        else p.reject(new Error(msg.error?.message ?? "zygote error"));
      }
    });
    child.stderr!.on("data", (c: Buffer) => this.log.debug({ zygote: c.toString("utf8").trim() }, "zygote"));
    child.stdin!.on("error", () => {});
    child.on("exit", (code, signal) => {
      const err = new Error(`the kernel zygote exited (${signal ?? code})`);
      readyReject(err);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      if (this.child === child) this.child = null;
      if (!this.closed) this.log.warn({ code, signal }, "kernel zygote exited; it restarts on the next fork");
    });
    return this.ready;
  }

  /** Forks a kernel into the sandbox of `agentHostPid`; resolves with the kernel's pid as the sandbox sees it. */
  async fork(agentHostPid: number, dir: string, conn: string, env: Record<string, string>): Promise<number> {
    if (this.closed) throw new Error("the runtime is stopping");
    await this.start();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child!.stdin!.write(JSON.stringify({ id, pid: agentHostPid, dir, conn, env }) + "\n");
    });
  }

  close(): void {
    this.closed = true;
    this.child?.kill("SIGKILL");
  }
}

/** Agents whose Python kernels come from a zygote (registered by the pool for each sandbox it starts). */
const forkedBy = new WeakMap<AgentClient, Zygote>();
export const forkKernelsFor = (agent: AgentClient, z: Zygote) => forkedBy.set(agent, z);
/** The zygote the agent's Python kernels come from, if any. */
export const zygoteOf = (agent: AgentClient): Zygote | null => forkedBy.get(agent) ?? null;

/** Host pid of the sandbox's agent: the descendant of the launcher running agent.py in a child pid namespace. */
export function agentHostPid(sb: { client: AgentClient }): number | null {
  const root = sb.client.pid;
  if (!root) return null;
  for (const pid of processTree(root)) {
    try {
      // argv[0] python3, not bubblewrap's own process (whose arguments name agent.py too)
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (!argv[0].endsWith("python3") || !argv.some((a) => a.endsWith("/agent.py"))) continue;
      const nspid = /^NSpid:\s+(.+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (nspid && nspid[1].trim().split(/\s+/).length > 1) return pid;
    } catch {
      /* exited */
    }
  }
  return null;
}

/**
 * The answer to the agent's `zygote-fork` events during one call (prewarm, or run_code with
 * `zygote: true`): a kernel forked from the zygote into the sandbox, or the failure reported back
 * (`prewarm {zygoteFailed}`), which ends the agent's wait. `onEvent` returns whether it was one;
 * `done` settles once every fork asked for has.
 */
export function zygoteForks(sb: { client: AgentClient }, zygote: Zygote) {
  const forks: Promise<unknown>[] = [];
  const onEvent = (e: unknown): boolean => {
    const ev = e as { type?: string; dir?: string; conn?: string; env?: Record<string, string> };
    if (ev?.type !== "zygote-fork" || typeof ev.dir !== "string" || typeof ev.conn !== "string") return false;
    const dir = ev.dir;
    const pid = agentHostPid(sb);
    const p = (
      pid
        ? zygote.fork(pid, dir, ev.conn, ev.env ?? {})
        : Promise.reject(new Error("the sandbox's agent was not found"))
    ).catch((err: Error) =>
      sb.client
        .call(
          "prewarm",
          { zygoteFailed: dir, error: `the zygote could not fork a kernel: ${err.message}` },
          { timeoutMs: 10_000 },
        )
        .catch(() => undefined),
    );
    forks.push(p);
    return true;
  };
  return { onEvent, done: () => Promise.all(forks) };
}

/** Warms the sandbox's Python kernel; with a zygote the kernel is forked from it, else the agent starts one. */
export async function warmPython(
  sb: { client: AgentClient },
  zygote: Zygote | null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (!zygote) {
    await sb.client.call("prewarm", { language: "python", ...extra }, { timeoutMs: 120_000 });
    return;
  }
  const forks = zygoteForks(sb, zygote);
  await sb.client.call(
    "prewarm",
    { language: "python", zygote: true, ...extra },
    { timeoutMs: 120_000, onEvent: forks.onEvent },
  );
  await forks.done();
}
