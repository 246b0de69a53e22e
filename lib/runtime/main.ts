/**
 * Starts the embedded AGB runtime in this process.
 *
 *   const rt = await startRuntime({ port: 0, dataDir, apiKeys, poolSize, reaperIntervalMs, idleDefaultS, idleMinS })
 *   rt.url       "http://127.0.0.1:<port>"  (AGB_ENDPOINT for the SDK)
 *   rt.apiKey    first API key (AGB_API_KEY); rt.apiKeys all of them, each one an owner
 *   rt.dataDir   the data dir; the runtime's own files are in `${dataDir}/runtime`
 *   await rt.close()   stops the server, the reaper and every sandbox (session files stay on disk)
 *
 * Options override the AGB_* environment (lib/runtime/config.ts). Start-up fails with a clear error
 * when a variable is invalid, the data dir is used by another live runtime, or sandboxes do not work
 * (unless AGB_RUNTIME_UNSANDBOXED=1 / unsandboxed:true, which is logged loudly and reported per session).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pino, { type DestinationStream, type Logger } from "pino";
import { checkConfig, configFromEnv, ConfigError, type RuntimeConfig } from "./config";
import type { RuntimeDeps } from "./http/context";
import { documentedTool } from "./http/agb-surface";
import { Control } from "./http/control";
import { contextRoutes } from "./http/routes/contexts";
import { labelRoutes } from "./http/routes/labels";
import { localRoutes } from "./http/routes/local";
import { sessionRoutes } from "./http/routes/sessions";
import { toolRoutes } from "./http/routes/tools";
import { createHttpServer } from "./http/server";
import { pidAlive } from "./pid-alive";
import { Cgroups } from "./sandbox/cgroups";
import { LIMITS } from "./sandbox/limits";
import { SandboxPool } from "./sandbox/pool";
import { AGENT_DIR_ON_HOST, type SandboxHost } from "./sandbox/sandbox";
import { SlotAllocator, slotsDir } from "./sandbox/slots";
import { unmountUnder } from "./sandbox/disk";
import { buildSysroot, removeSysroot } from "./sandbox/sysroot";
import { DISK_QUOTA_BYTES } from "./tools/session-limits";
import { SessionService } from "./sessions/service";
import { CpuPriority } from "./warm/cpu-priority";
import { Zygote } from "./zygote/zygote";
import { openDb } from "./store/db";
import { SessionStore } from "./store/sessions";
import { attachStreaming } from "./stream/ws";
import { MetricsHistory } from "./metrics/history";
import { DEFAULT_TERMINAL_LIMITS, TerminalManager, type TerminalLimits } from "./terminal/manager";
import { TOOLS } from "./tools";
import type { ToolDef } from "./tools/registry";

export interface StartOptions {
  port?: number;
  dataDir?: string;
  apiKeys?: string[];
  poolSize?: number;
  /** ceiling of the adaptive pool size */
  poolMax?: number;
  reaperIntervalMs?: number;
  idleDefaultS?: number;
  idleMinS?: number;
  idleMaxS?: number;
  unsandboxed?: boolean;
  /** warm a code session's kernel right after create (default true; tests that only use shell turn it off) */
  prewarm?: boolean;
  /** fork Python kernels from a zygote (default AGB_RUNTIME_ZYGOTE, on where it can run) */
  zygote?: boolean;
  bwrapPath?: string;
  logLevel?: string;
  /** answer only what AGB documents (AGB_RUNTIME_STRICT) */
  strict?: boolean;
  /** delay every HTTP answer (AGB_RUNTIME_LATENCY_MS) */
  latencyMs?: number;
  /** enable the /_control test endpoints (AGB_RUNTIME_FAULTS); controlKey is their key */
  faults?: boolean;
  controlKey?: string;
  /** the dashboard beside this runtime (AGB_RUNTIME_DASHBOARD_URL) */
  dashboardUrl?: string;
  /** where the JSON log lines go (default stdout) */
  logDestination?: DestinationStream;
  /** AGB_RUNTIME_DISK, AGB_RUNTIME_DISK_INODES, AGB_RUNTIME_MIN_FREE_MB */
  disk?: "image" | "dir";
  diskInodes?: number;
  minFreeBytes?: number;
  env?: Record<string, string | undefined>;
  /** interactive terminal limits (defaults: 4 per session, 64 MiB/s of output, 256 KiB scrollback) */
  terminalLimits?: Partial<TerminalLimits>;
  /** metrics history sampling period (default 5000 ms; the ring keeps one hour of it) */
  metricsIntervalMs?: number;
  /** when a session counts as quiet, and how often it is sampled then (defaults 60 s and 30 s) */
  metricsQuiet?: { afterMs: number; intervalMs: number };
}

export interface RunningRuntime {
  url: string;
  port: number;
  apiKey: string;
  apiKeys: string[];
  dataDir: string;
  runtimeDir: string;
  sandboxed: boolean;
  /** strict mode: only what AGB documents */
  strict: boolean;
  /** key of the /_control test endpoints (x-control-key), "" when they are off */
  controlKey: string;
  close(): Promise<void>;
}

function resolveConfig(opts: StartOptions): RuntimeConfig {
  const env = configFromEnv(opts.env ?? process.env);
  const dataDir = path.resolve(opts.dataDir ?? env.dataDir);
  const c: RuntimeConfig = {
    ...env,
    port: opts.port ?? env.port,
    dataDir,
    runtimeDir: path.join(dataDir, "runtime"),
    apiKeys: opts.apiKeys ?? env.apiKeys,
    poolSize: opts.poolSize ?? env.poolSize,
    poolMax: opts.poolMax ?? (opts.poolSize !== undefined ? Math.max(opts.poolSize, env.poolMax) : env.poolMax),
    idleDefaultS: opts.idleDefaultS ?? env.idleDefaultS,
    idleMinS: opts.idleMinS ?? env.idleMinS,
    idleMaxS: opts.idleMaxS ?? env.idleMaxS,
    unsandboxed: opts.unsandboxed ?? env.unsandboxed,
    prewarm: opts.prewarm ?? env.prewarm,
    zygote: opts.zygote ?? env.zygote,
    bwrapPath: opts.bwrapPath ?? env.bwrapPath,
    logLevel: opts.logLevel ?? env.logLevel,
    reaperIntervalMs: opts.reaperIntervalMs ?? 2000,
    disk: opts.disk ?? env.disk,
    diskInodes: opts.diskInodes ?? env.diskInodes,
    minFreeBytes: opts.minFreeBytes ?? env.minFreeBytes,
    strict: opts.strict ?? env.strict,
    latencyMs: opts.latencyMs ?? env.latencyMs,
    faults: opts.faults ?? env.faults,
    controlKey: opts.controlKey ?? env.controlKey,
    dashboardUrl: (opts.dashboardUrl ?? env.dashboardUrl).replace(/\/+$/, ""),
  };
  checkConfig(c);
  return c;
}

function loadOrCreateKey(runtimeDir: string, name = "api-key", prefix = "agb-local-"): string {
  const file = path.join(runtimeDir, name);
  try {
    const k = fs.readFileSync(file, "utf8").trim();
    if (k) return k;
  } catch {
    /* first start */
  }
  const key = prefix + crypto.randomBytes(24).toString("base64url");
  fs.writeFileSync(file, key + "\n", { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return key;
}

/** Sandbox uids must traverse the path to their slot folders (not list or read it). */
function prepareDirs(c: RuntimeConfig, isRoot: boolean) {
  fs.mkdirSync(c.runtimeDir, { recursive: true, mode: 0o711 });
  fs.mkdirSync(slotsDir(c.runtimeDir), { recursive: true, mode: 0o711 });
  if (!isRoot) return; // root drops to a per-session uid in both modes
  for (const d of [c.dataDir, c.runtimeDir, slotsDir(c.runtimeDir)]) {
    const mode = fs.statSync(d).mode & 0o7777;
    if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o001);
  }
}

function claimDataDir(c: RuntimeConfig) {
  const file = path.join(c.runtimeDir, "endpoint.json");
  try {
    const prev = JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: number; url?: string };
    if (typeof prev.pid === "number" && prev.pid !== process.pid && pidAlive(prev.pid))
      throw new ConfigError(
        `another runtime (pid ${prev.pid}, ${prev.url}) is using the data dir ${c.dataDir}; stop it or set AGB_DATA_DIR`,
      );
  } catch (e) {
    if (e instanceof ConfigError) throw e;
  }
}

async function selfTest(pool: SandboxPool, log: Logger): Promise<void> {
  try {
    const sb = await pool.startFresh();
    try {
      const r = await sb.client.call<{ stdout: string; exit_code: number }>(
        "shell",
        { command: "id -u", timeout_ms: 5000 },
        { timeoutMs: 10_000 },
      );
      if (r.exit_code !== 0) throw new Error(`test command failed: ${JSON.stringify(r)}`);
      log.debug({ uid: r.stdout.trim() }, "sandbox self-test passed");
    } finally {
      await sb.destroy(true);
      pool.slots.free(sb.slot);
    }
  } catch (e) {
    throw new Error(
      `sandbox self-test failed: ${(e as Error).message}. Install bubblewrap (apt-get install -y bubblewrap) and allow unprivileged user namespaces, ` +
        `or set AGB_RUNTIME_UNSANDBOXED=1 to run sessions WITHOUT isolation.`,
    );
  }
}

export async function startRuntime(opts: StartOptions = {}): Promise<RunningRuntime> {
  const config = resolveConfig(opts);
  const log = pino(
    { level: config.logLevel, base: { svc: "agb-runtime" }, timestamp: pino.stdTimeFunctions.isoTime },
    opts.logDestination ?? pino.destination(1),
  );
  const isRoot = process.getuid?.() === 0;
  prepareDirs(config, isRoot);
  claimDataDir(config);
  const apiKeys = config.apiKeys.length ? config.apiKeys : [loadOrCreateKey(config.runtimeDir)];

  const cgroups = Cgroups.detect(LIMITS);
  cgroups.sweepStale();
  const diskMode = isRoot ? config.disk : "dir";
  const host: SandboxHost = {
    runtimeDir: config.runtimeDir,
    isRoot,
    uidBase: config.uidBase,
    unsandboxed: config.unsandboxed,
    cgroups,
    bwrapPath: config.bwrapPath,
    disk: { mode: diskMode, quotaBytes: DISK_QUOTA_BYTES, inodes: config.diskInodes },
    sysroot: config.unsandboxed ? undefined : buildSysroot(config.runtimeDir, AGENT_DIR_ON_HOST, isRoot),
    onAgentFault: (slot, reason) => log.warn({ slot, reason }, "sandbox agent ended for a protocol fault"),
  };
  if (diskMode === "dir")
    log.warn(
      { disk: "dir", wanted: config.disk, root: isRoot },
      "session disks are plain folders: the quota holds for the file tools only, not for shell or code writes (needs root and AGB_RUNTIME_DISK=image)",
    );
  const db = openDb(config.runtimeDir);
  const store = new SessionStore(db);
  const cpu = CpuPriority.detect();
  cpu.sweepStale();
  // The zygote joins sandboxes with setns(): root only, and pointless without sandboxes.
  const zygote = config.zygote && isRoot && !config.unsandboxed ? new Zygote(log) : null;
  if (config.zygote && !zygote)
    log.warn(
      { root: isRoot, sandboxed: !config.unsandboxed },
      "no kernel zygote (it needs a root, sandboxed runtime): Python kernels start in their sandboxes, paying their imports each",
    );
  void zygote?.start().catch((e: Error) => log.error({ err: e.message }, "kernel zygote did not start"));
  const pool = new SandboxPool(
    host,
    new SlotAllocator(),
    {
      minSize: config.poolSize,
      maxSize: config.poolMax,
      budgetBytes: config.poolMemoryMb * 1024 * 1024,
      rememberBurstS: config.poolRememberS,
      prewarm: config.prewarm,
      cpu,
      zygote,
      perSandboxBytes: zygote ? 30 * 1024 * 1024 : undefined,
    },
    log,
  );
  const sessions = new SessionService(store, pool, config, log);
  const recovered = sessions.recover();

  try {
    await selfTest(pool, log);
  } catch (e) {
    await pool.close(); // spare disks being made meanwhile
    db.close();
    await unmountUnder(slotsDir(config.runtimeDir));
    removeSysroot(config.runtimeDir);
    throw e;
  }
  if (config.unsandboxed) {
    log.warn(
      "!!! AGB_RUNTIME_UNSANDBOXED=1: sessions run WITHOUT bubblewrap isolation (host files and network are reachable from every session). Every session reports sandboxed:false. !!!",
    );
  }

  const tools = config.strict ? TOOLS.map(documentedTool).filter((t): t is ToolDef => t !== null) : TOOLS;
  const control = config.faults
    ? new Control(
        config.controlKey || loadOrCreateKey(config.runtimeDir, "control-key", "agb-control-"),
        () => pool.state,
      )
    : null;
  const terminals = new TerminalManager(sessions, log, { ...DEFAULT_TERMINAL_LIMITS, ...opts.terminalLimits });
  const metricsHistory = new MetricsHistory(sessions, log, {
    intervalMs: opts.metricsIntervalMs ?? 5000,
    keep: Math.ceil(3600_000 / (opts.metricsIntervalMs ?? 5000)),
    quietAfterMs: opts.metricsQuiet?.afterMs,
    quietIntervalMs: opts.metricsQuiet?.intervalMs,
  });
  const deps: RuntimeDeps = {
    config,
    log,
    store,
    sessions,
    terminals,
    metricsHistory,
    tools,
    control,
    url: { base: "", port: 0 },
  };
  const server = createHttpServer(
    deps,
    [...sessionRoutes, ...labelRoutes, ...toolRoutes, ...contextRoutes, ...localRoutes, ...(control?.routes() ?? [])],
    apiKeys,
  );

  const streaming = attachStreaming(server, deps);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  deps.url.base = url;
  deps.url.port = port;
  const endpointFile = path.join(config.runtimeDir, "endpoint.json");
  fs.writeFileSync(endpointFile, JSON.stringify({ url, pid: process.pid }) + "\n");

  pool.fill();
  sessions.startReaper();
  terminals.startSweeper(Math.max(config.reaperIntervalMs, 1000));
  metricsHistory.start();
  log.info(
    {
      url,
      dataDir: config.dataDir,
      sandboxed: !config.unsandboxed,
      cgroups: cgroups.describe(),
      disk: diskMode,
      warming: cpu.describe(),
      zygote: Boolean(zygote),
      pool: config.poolSize,
      liveSessions: recovered.live,
      releasedWhileDown: recovered.expired,
      agentDir: AGENT_DIR_ON_HOST,
      strict: config.strict,
      latencyMs: config.latencyMs,
      control: Boolean(control),
    },
    "runtime listening",
  );

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    apiKey: apiKeys[0],
    apiKeys,
    dataDir: config.dataDir,
    runtimeDir: config.runtimeDir,
    sandboxed: !config.unsandboxed,
    strict: config.strict,
    controlKey: control?.key ?? "",
    close() {
      closing ??= (async () => {
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        metricsHistory.stop();
        terminals.closeAll();
        await streaming.close();
        await sessions.close();
        await pool.close();
        zygote?.close();
        // Session disks are mounted again on their next use; unmounted, the data dir can be moved.
        await unmountUnder(slotsDir(config.runtimeDir));
        removeSysroot(config.runtimeDir);
        db.close();
        try {
          const cur = JSON.parse(fs.readFileSync(endpointFile, "utf8")) as { pid?: number };
          if (cur.pid === process.pid) fs.rmSync(endpointFile);
        } catch {
          /* already gone */
        }
        log.info("runtime stopped");
        log.flush?.();
      })();
      return closing;
    },
  };
}
