import "server-only";
// The dashboard's configuration, validated once by zod. A bad value stops start-up with a
// message naming the variable (instrumentation.ts calls loadConfig() at server start).
import path from "node:path";
import { z } from "zod";
import { trustedProxyList } from "./auth/client-address";
import { oidcEnv, oidcProblems, oidcSettings, type OidcSettings } from "./auth/oidc/settings";

const intFromEnv = (name: string, min: number, max: number, def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  AGB_ENDPOINT: z
    .string({
      error:
        "AGB_ENDPOINT is not set: point it at AGB (or start the dashboard with `npm start`, which runs the embedded runtime)",
    })
    .trim()
    .min(1, "AGB_ENDPOINT is empty")
    .refine((v) => {
      try {
        const u = new URL(/^https?:\/\//i.test(v) ? v : `https://${v}`);
        return Boolean(u.hostname);
      } catch {
        return false;
      }
    }, "AGB_ENDPOINT is not a valid URL or host name"),
  AGB_API_KEY: z.string({ error: "AGB_API_KEY is not set" }).trim().min(1, "AGB_API_KEY is empty"),
  AGB_BACKEND: z.enum(["embedded", "cloud"], { error: 'AGB_BACKEND must be "embedded" or "cloud"' }).optional(),
  AGB_TIMEOUT_MS: intFromEnv("AGB_TIMEOUT_MS", 1000, 600_000, 60_000),
  AGB_DATA_DIR: z.string().optional(),
  DASHBOARD_PASSWORD: z.string().min(8, "DASHBOARD_PASSWORD must have at least 8 characters").max(1024).optional(),
  DASHBOARD_SESSION_SECRET: z.string().min(32, "DASHBOARD_SESSION_SECRET must have at least 32 characters").optional(),
  DASHBOARD_SESSION_TTL_H: intFromEnv("DASHBOARD_SESSION_TTL_H", 1, 24 * 90, 12),
  DASHBOARD_SESSION_IDLE_MIN: intFromEnv("DASHBOARD_SESSION_IDLE_MIN", 5, 60 * 24 * 90, 120),
  DASHBOARD_AUDIT_RETENTION_DAYS: intFromEnv("DASHBOARD_AUDIT_RETENTION_DAYS", 1, 3650, 90),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => v === undefined || /^postgres(ql)?:\/\/./i.test(v),
      "DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/database); leave it unset for SQLite",
    ),
  DASHBOARD_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const entries = (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      try {
        trustedProxyList(entries);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `DASHBOARD_TRUSTED_PROXIES: ${(e as Error).message}` });
        return z.NEVER;
      }
      return entries;
    }),
  ...oidcEnv,
});

export interface DashboardConfig {
  agb: { endpoint: string; apiKey: string; timeoutMs: number };
  backend: "embedded" | "cloud";
  dataDir: string;
  dashboardDir: string;
  password: string | null;
  sessionSecret: string | null;
  /** Absolute lifetime of a login. */
  sessionTtlS: number;
  /** A login unused for this long ends. */
  sessionIdleS: number;
  auditRetentionDays: number;
  /** PostgreSQL shared by every instance; null: SQLite in `dashboardDir`. */
  databaseUrl: string | null;
  /** Proxies whose X-Forwarded-For is believed (IPs or CIDR ranges); empty: none. */
  trustedProxies: string[];
  /** Sign-in with OpenID Connect; null: off (the default). */
  oidc: OidcSettings | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const KEYS = Object.keys(envSchema.shape);
let cached: { key: string; config: DashboardConfig } | null = null;

/** Parses the environment; throws a ConfigError whose message names every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): DashboardConfig {
  const snapshot = KEYS.map((k) => `${k}=${env[k] ?? ""}`).join("\n");
  if (cached && cached.key === snapshot && env === process.env) return cached.config;
  const raw: Record<string, string | undefined> = {};
  // Empty optional variables count as unset.
  for (const k of KEYS) raw[k] = env[k] === "" && k !== "AGB_ENDPOINT" && k !== "AGB_API_KEY" ? undefined : env[k];
  const parsed = envSchema.safeParse(raw);
  const problems = oidcProblems(raw);
  if (!parsed.success || problems.length > 0) {
    const lines = (parsed.error?.issues ?? []).map((i) => {
      const name = String(i.path[0] ?? "");
      return i.message.includes(name) ? `- ${i.message}` : `- ${name}: ${i.message}`;
    });
    for (const p of problems) lines.push(`- ${p}`);
    throw new ConfigError(`The dashboard configuration is invalid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.AGB_DATA_DIR || ".data");
  const config: DashboardConfig = {
    agb: { endpoint: e.AGB_ENDPOINT, apiKey: e.AGB_API_KEY, timeoutMs: e.AGB_TIMEOUT_MS },
    backend: e.AGB_BACKEND ?? "cloud",
    dataDir,
    dashboardDir: path.join(dataDir, "dashboard"),
    password: e.DASHBOARD_PASSWORD ?? null,
    sessionSecret: e.DASHBOARD_SESSION_SECRET ?? null,
    sessionTtlS: e.DASHBOARD_SESSION_TTL_H * 3600,
    sessionIdleS: e.DASHBOARD_SESSION_IDLE_MIN * 60,
    auditRetentionDays: e.DASHBOARD_AUDIT_RETENTION_DAYS,
    databaseUrl: e.DATABASE_URL || null,
    trustedProxies: e.DASHBOARD_TRUSTED_PROXIES,
    oidc: oidcSettings(e),
  };
  if (env === process.env) cached = { key: snapshot, config };
  return config;
}
