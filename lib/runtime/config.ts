/**
 * Runtime configuration from the environment, validated with zod. A bad value stops start-up with
 * an error naming the variable. `startRuntime(opts)` overrides any of these (tests, benchmarks).
 *
 *   AGB_RUNTIME_PORT            port on 127.0.0.1 (default 8787; 0 = a free port)
 *   AGB_DATA_DIR                data dir (default `.data`); the runtime keeps its files in `<data>/runtime`
 *   AGB_RUNTIME_API_KEYS        comma-separated API keys; each key is an owner. Empty: one is generated
 *                               and kept in `<data>/runtime/api-key` (mode 0600)
 *   AGB_RUNTIME_IDLE_DEFAULT_S  idle release timeout when createSession sends none (default 300)
 *   AGB_RUNTIME_IDLE_MAX_S      largest accepted idle timeout (default and ceiling 86400)
 *   AGB_RUNTIME_IDLE_MIN_S      smallest accepted idle timeout (default 10; tests lower it)
 *   AGB_RUNTIME_POOL_SIZE       pre-started sandboxes kept ready for createSession (default 2); the pool
 *                               grows to the largest burst of creates (the most within 10 s) of the last
 *                               AGB_RUNTIME_POOL_REMEMBER_S (default 300), up to AGB_RUNTIME_POOL_MAX
 *                               (default 64) while it fits in AGB_RUNTIME_POOL_MEMORY_MB (default 1024;
 *                               what a pooled sandbox holds is measured), and shrinks back when the
 *                               bursts stop
 *   AGB_RUNTIME_UNSANDBOXED     "1" runs session agents without bubblewrap (loudly flagged)
 *   AGB_RUNTIME_PREWARM         "0" skips warming a code session's Python kernel at create (default 1)
 *   AGB_RUNTIME_ZYGOTE          Python kernels are forked from one pre-imported zygote (default 1; root and
 *                               sandboxed only, else kernels start in their sandboxes); "0" turns it off
 *   AGB_RUNTIME_BWRAP           bubblewrap executable (default "bwrap" from PATH)
 *   AGB_RUNTIME_UID_BASE        session uids are this + slot when root (default 100000). RLIMIT_NPROC
 *                               counts per uid, so two runtimes on one host need ranges apart; keep it
 *                               fixed for a data dir (session files are owned by these uids)
 *   AGB_RUNTIME_LOG_LEVEL       pino level (default info)
 *   AGB_RUNTIME_DISK            "image" (default): each session's home+/tmp on its own ext4 image of
 *                               the quota's size (needs root; else "dir" is used and logged);
 *                               "dir": plain folders, the quota checked by the file tools only
 *   AGB_RUNTIME_DISK_INODES     files+folders one session may have ("image" mode; default 32768)
 *   AGB_RUNTIME_MIN_FREE_MB     createSession is refused (DiskFull) when the data dir's filesystem
 *                               has less free space than this (default 256)
 *   AGB_RUNTIME_STRICT          "1" answers exactly as AGB documents it: no extension endpoint, field,
 *                               tool or argument (lib/runtime/http/agb-surface.ts)
 *   AGB_RUNTIME_LATENCY_MS      delay every HTTP answer by this many ms (a simulated network; default 0)
 *   AGB_RUNTIME_FAULTS          "1" enables the test control endpoints under /_control (throttling on
 *                               demand, call counters; lib/runtime/http/control.ts)
 *   AGB_RUNTIME_FAULTS_KEY      key of those endpoints (x-control-key); generated into
 *                               `<data>/runtime/control-key` when unset
 *   AGB_RUNTIME_DASHBOARD_URL   the dashboard beside this runtime; getMcpResource's resourceUrl is
 *                               `<url>/sessions/<id>`
 */
import path from "node:path";
import { z } from "zod";
import { IDLE_TIMEOUT_S } from "../protocol/idle";
import { SLOT_UID_BASE } from "./sandbox/limits";

const IDLE_MAX_CEILING_S = IDLE_TIMEOUT_S.max;

const intFromEnv = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(min).max(max));

const envSchema = z.object({
  AGB_RUNTIME_PORT: intFromEnv(0, 65535).default(8787),
  AGB_DATA_DIR: z.string().trim().min(1).default(".data"),
  AGB_RUNTIME_API_KEYS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .min(8, "each key needs at least 8 characters")
          .regex(/^[\x21-\x7e]+$/, "keys are printable ASCII without spaces"),
      ),
    ),
  AGB_RUNTIME_IDLE_DEFAULT_S: intFromEnv(1, IDLE_MAX_CEILING_S).default(IDLE_TIMEOUT_S.default),
  AGB_RUNTIME_IDLE_MAX_S: intFromEnv(1, IDLE_MAX_CEILING_S).default(IDLE_MAX_CEILING_S),
  AGB_RUNTIME_IDLE_MIN_S: intFromEnv(1, IDLE_MAX_CEILING_S).default(IDLE_TIMEOUT_S.min),
  AGB_RUNTIME_POOL_SIZE: intFromEnv(0, 32).default(2),
  AGB_RUNTIME_UID_BASE: intFromEnv(1000, 2_000_000_000).default(SLOT_UID_BASE),
  AGB_RUNTIME_POOL_MAX: intFromEnv(0, 256).default(64),
  AGB_RUNTIME_POOL_MEMORY_MB: intFromEnv(0, 1_048_576).default(1024),
  AGB_RUNTIME_POOL_REMEMBER_S: intFromEnv(10, 86_400).default(300),
  AGB_RUNTIME_UNSANDBOXED: z
    .enum(["", "0", "1", "true", "false"])
    .default("")
    .transform((v) => v === "1" || v === "true"),
  AGB_RUNTIME_PREWARM: z
    .enum(["0", "1", "true", "false"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  AGB_RUNTIME_ZYGOTE: z
    .enum(["0", "1", "true", "false"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  AGB_RUNTIME_BWRAP: z.string().trim().min(1).default("bwrap"),
  AGB_RUNTIME_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  AGB_RUNTIME_DISK: z.enum(["image", "dir"]).default("image"),
  AGB_RUNTIME_DISK_INODES: intFromEnv(256, 4_000_000).default(32768),
  AGB_RUNTIME_MIN_FREE_MB: intFromEnv(0, 1024 * 1024).default(256),
  AGB_RUNTIME_STRICT: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  AGB_RUNTIME_LATENCY_MS: intFromEnv(0, 60_000).default(0),
  AGB_RUNTIME_FAULTS: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  AGB_RUNTIME_FAULTS_KEY: z
    .string()
    .trim()
    .min(16, "needs at least 16 characters")
    .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces")
    .optional(),
  AGB_RUNTIME_DASHBOARD_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
});

export interface RuntimeConfig {
  port: number;
  /** The data dir the user configured; runtime files live in `runtimeDir`. */
  dataDir: string;
  runtimeDir: string;
  apiKeys: string[];
  idleDefaultS: number;
  idleMinS: number;
  idleMaxS: number;
  poolSize: number;
  /** first session uid when root: uid = uidBase + slot */
  uidBase: number;
  /** ceiling of the adaptive pool size */
  poolMax: number;
  /** memory the pooled sandboxes may hold together */
  poolMemoryMb: number;
  /** how long a burst of creates keeps the pool at its size, in seconds */
  poolRememberS: number;
  unsandboxed: boolean;
  /** send `prewarm` to a code session's agent right after create */
  prewarm: boolean;
  /** fork Python kernels from a zygote that did the imports once */
  zygote: boolean;
  bwrapPath: string;
  logLevel: string;
  reaperIntervalMs: number;
  /** wanted disk mode; "image" falls back to "dir" when not root */
  disk: "image" | "dir";
  diskInodes: number;
  minFreeBytes: number;
  /** answer only what AGB documents (lib/runtime/http/agb-surface.ts) */
  strict: boolean;
  /** delay before every HTTP answer */
  latencyMs: number;
  /** the /_control endpoints are on; `controlKey` guards them ("" = generate one) */
  faults: boolean;
  controlKey: string;
  /** the dashboard beside this runtime ("" = none) */
  dashboardUrl: string;
}

export class ConfigError extends Error {}

/** Reads and validates the AGB_* variables; throws ConfigError naming the first bad variable. */
export function configFromEnv(
  env: Record<string, string | undefined> = process.env,
): Omit<RuntimeConfig, "reaperIntervalMs" | "runtimeDir"> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== "") picked[key] = v;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`invalid ${name}=${JSON.stringify(picked[name] ?? "")}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.AGB_RUNTIME_PORT,
    dataDir: path.resolve(e.AGB_DATA_DIR),
    apiKeys: e.AGB_RUNTIME_API_KEYS,
    idleDefaultS: e.AGB_RUNTIME_IDLE_DEFAULT_S,
    idleMinS: e.AGB_RUNTIME_IDLE_MIN_S,
    idleMaxS: e.AGB_RUNTIME_IDLE_MAX_S,
    poolSize: e.AGB_RUNTIME_POOL_SIZE,
    uidBase: e.AGB_RUNTIME_UID_BASE,
    poolMax: e.AGB_RUNTIME_POOL_MAX,
    poolMemoryMb: e.AGB_RUNTIME_POOL_MEMORY_MB,
    poolRememberS: e.AGB_RUNTIME_POOL_REMEMBER_S,
    unsandboxed: e.AGB_RUNTIME_UNSANDBOXED,
    prewarm: e.AGB_RUNTIME_PREWARM,
    zygote: e.AGB_RUNTIME_ZYGOTE,
    bwrapPath: e.AGB_RUNTIME_BWRAP,
    logLevel: e.AGB_RUNTIME_LOG_LEVEL,
    disk: e.AGB_RUNTIME_DISK,
    diskInodes: e.AGB_RUNTIME_DISK_INODES,
    minFreeBytes: e.AGB_RUNTIME_MIN_FREE_MB * 1024 * 1024,
    strict: e.AGB_RUNTIME_STRICT,
    latencyMs: e.AGB_RUNTIME_LATENCY_MS,
    faults: e.AGB_RUNTIME_FAULTS,
    controlKey: e.AGB_RUNTIME_FAULTS_KEY ?? "",
    dashboardUrl: e.AGB_RUNTIME_DASHBOARD_URL ?? "",
  };
}

/** Cross-field checks once env and overrides are merged. */
export function checkConfig(c: RuntimeConfig): void {
  if (c.idleMinS > c.idleMaxS)
    throw new ConfigError(`AGB_RUNTIME_IDLE_MIN_S (${c.idleMinS}) is above AGB_RUNTIME_IDLE_MAX_S (${c.idleMaxS})`);
  if (c.idleDefaultS < c.idleMinS || c.idleDefaultS > c.idleMaxS)
    throw new ConfigError(
      `AGB_RUNTIME_IDLE_DEFAULT_S (${c.idleDefaultS}) must be between ${c.idleMinS} and ${c.idleMaxS}`,
    );
  if (c.reaperIntervalMs < 10 || c.reaperIntervalMs > 5000)
    throw new ConfigError(`reaperIntervalMs (${c.reaperIntervalMs}) must be 10..5000`);
}
