/** Shared types of the runtime's HTTP layer. */
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "pino";
import { z } from "zod";
import type { RuntimeConfig } from "../config";
import type { SessionService } from "../sessions/service";
import type { SessionStore } from "../store/sessions";
import type { MetricsHistory } from "../metrics/history";
import type { TerminalManager } from "../terminal/manager";
import type { ToolDef } from "../tools/registry";
import type { Control } from "./control";
import { badRequest } from "./envelope";

export interface RuntimeDeps {
  config: RuntimeConfig;
  log: Logger;
  store: SessionStore;
  sessions: SessionService;
  terminals: TerminalManager;
  metricsHistory: MetricsHistory;
  /** the tools clients see: every tool, or in strict mode only AGB's own with their documented args */
  tools: readonly ToolDef[];
  /** test control (AGB_RUNTIME_FAULTS=1), else null */
  control: Control | null;
  /** filled in once the server listens */
  url: { base: string; port: number };
}

export interface Ctx {
  requestId: string;
  /** Owner id (sha256 prefix of the API key); "" on routes without auth. */
  owner: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  deps: RuntimeDeps;
  log: Logger;
}

export interface RouteResult {
  data?: unknown;
  /** top-level envelope fields next to data (ListSession's nextToken, maxResults, count) */
  extra?: Record<string, unknown>;
  /** a body that is not the envelope (GET /health) */
  raw?: unknown;
}

export interface Route {
  method: "GET" | "POST";
  path: string;
  auth: boolean;
  handle(ctx: Ctx): Promise<RouteResult> | RouteResult;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join(".") : "request";
      if (i.code === "invalid_type" && i.message.includes("received undefined")) return `${where} is required`;
      const leaf = String(i.path[i.path.length - 1] ?? "");
      return leaf && i.message.startsWith(leaf) ? i.message : `${where}: ${i.message}`;
    })
    .join("; ");
}

/** Validates the merged query + body parameters; a mismatch is HTTP 400 naming the field. */
export function input<S extends z.ZodType>(ctx: Ctx, schema: S): z.output<S> {
  const r = schema.safeParse({ ...ctx.body, ...ctx.query });
  if (!r.success) throw badRequest(describeIssues(r.error));
  return r.data;
}

export const sessionIdField = z
  .string({ error: (i) => (i.input === undefined ? "sessionId is required" : "sessionId must be a string") })
  .trim()
  .min(1, "sessionId is required")
  .max(128);
