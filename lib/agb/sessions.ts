import "server-only";
// Session lifecycle calls (docs/protocol.md, "Sessions", "Session listing").
import { expectOk, requestIdOf } from "./envelope";
import { AgbError, classify, looksNotFound } from "./errors";
import type { RowExtensions } from "@/lib/protocol/session";
import type { Transport, WireResponse } from "./transport";
import { listSessionEnvelopeSchema, sessionDataSchema, toolListSchema, type SessionData } from "./wire-schemas";

const SDK_STATS = JSON.stringify({
  source: "sdk",
  sdk_language: "typescript",
  sdk_version: "0.10.0",
  is_release: false,
});

export function requireSessionId(sessionId: string): string {
  if (typeof sessionId !== "string" || sessionId.trim() === "")
    throw new AgbError("invalid_input", "sessionId is required", { code: "InvalidParameter.SessionId" });
  return sessionId;
}

export interface CreateSessionParams {
  imageId: string;
  labels?: Record<string, string>;
  /** Idle-release timeout in seconds (body `timeout`). */
  idleTimeoutS?: number;
}

export interface CreatedSession {
  sessionId: string;
  requestId: string;
  data: SessionData;
}

export async function createSession(t: Transport, p: CreateSessionParams): Promise<CreatedSession> {
  if (!p || typeof p.imageId !== "string" || p.imageId.trim() === "")
    throw new AgbError("invalid_input", "imageId is required and cannot be empty or null", {
      code: "InvalidParameter.ImageId",
    });
  const body: Record<string, unknown> = {};
  if (p.labels && Object.keys(p.labels).length > 0) body.labels = JSON.stringify(p.labels);
  if (p.idleTimeoutS !== undefined) body.timeout = p.idleTimeoutS;
  const res = await t.request({
    method: "POST",
    path: "/mcp/createSession",
    query: { imageId: p.imageId, sdkStats: SDK_STATS },
    body,
  });
  const requestId = requestIdOf(res);
  // create() ignores the top-level `success`: data.sessionId decides, unless data.success === false.
  const env = res.isJson && res.body && typeof res.body === "object" ? (res.body as Record<string, unknown>) : null;
  const parsed = sessionDataSchema.safeParse(env?.data ?? {});
  const data = parsed.success ? parsed.data : {};
  if (env && data.sessionId && data.success !== false) return { sessionId: data.sessionId, requestId, data };
  const text = !res.isJson && typeof res.body === "string" ? res.body.trim().slice(0, 300) : "";
  const message = text || data.errMsg || (typeof env?.message === "string" && env.message) || "Unknown error";
  const code = typeof env?.code === "string" ? env.code : res.status >= 400 ? `http_${res.status}` : "CreateFailed";
  const kind = res.status === 401 || res.status === 403 ? "auth" : classify(code, message, res.status);
  throw new AgbError(kind, `Failed to create session: ${message}`, { code, requestId, httpStatus: res.status });
}

export async function getSession(t: Transport, sessionId: string): Promise<{ data: SessionData; requestId: string }> {
  requireSessionId(sessionId);
  const res = await t.request({ method: "POST", path: "/mcp/getSession", body: { sessionId }, idempotent: true });
  const ok = expectOk(res, `Failed to get session ${sessionId}`);
  const parsed = sessionDataSchema.safeParse(ok.data ?? {});
  if (!parsed.success)
    throw new AgbError("protocol", `getSession ${sessionId}: unreadable data`, { requestId: ok.requestId });
  return { data: { ...parsed.data, sessionId: parsed.data.sessionId ?? sessionId }, requestId: ok.requestId };
}

/** Parses a session's toolList (a JSON string on the wire) into tool names and servers. */
export function parseToolList(raw: unknown): { name: string; server: string; inputSchema: unknown }[] {
  const parsed = toolListSchema.safeParse(raw ?? "[]");
  if (!parsed.success) return [];
  return parsed.data
    .map((t) => ({
      name: t.name ?? t.Name ?? "",
      server: t.server ?? t.serverName ?? t.Server ?? "",
      inputSchema: t.inputSchema,
    }))
    .filter((t) => t.name);
}

/** getSessionInfo: status without counting as activity. */
export async function getSessionStatus(
  t: Transport,
  sessionId: string,
): Promise<{ status: string; requestId: string }> {
  requireSessionId(sessionId);
  const res = await t.request({ method: "POST", path: "/mcp/getSessionInfo", body: { sessionId }, idempotent: true });
  const ok = expectOk(res, `Failed to get status of session ${sessionId}`);
  const d = (ok.data ?? {}) as { status?: unknown; Status?: unknown };
  const status = typeof d.status === "string" ? d.status : typeof d.Status === "string" ? d.Status : "";
  return { status, requestId: ok.requestId };
}

/** getMcpResource (`session.info()`). */
export async function getSessionResource(
  t: Transport,
  sessionId: string,
): Promise<{ data: Record<string, unknown>; requestId: string }> {
  requireSessionId(sessionId);
  const res = await t.request({ method: "POST", path: "/mcp/getMcpResource", body: { sessionId }, idempotent: true });
  const ok = expectOk(res, `Failed to get resource info of session ${sessionId}`);
  if (!ok.data || typeof ok.data !== "object" || Array.isArray(ok.data))
    throw new AgbError("protocol", "No resource data found in response", { requestId: ok.requestId });
  return { data: ok.data as Record<string, unknown>, requestId: ok.requestId };
}

/** releaseSessionAsync and refreshSessionIdleTime accept the envelope at the top level or under `body`, either casing (docs/protocol.md, "The envelope"). */
function flexibleOk(res: WireResponse, op: string): { requestId: string } {
  const raw = res.isJson && res.body && typeof res.body === "object" ? (res.body as Record<string, unknown>) : null;
  const inner = raw && raw.body && typeof raw.body === "object" ? (raw.body as Record<string, unknown>) : raw;
  const pick = (k: string) => inner?.[k] ?? inner?.[k[0].toUpperCase() + k.slice(1)];
  const success = pick("success");
  const requestId =
    typeof pick("requestId") === "string" && pick("requestId") ? String(pick("requestId")) : requestIdOf(res);
  if (res.status === 200 && success === true) return { requestId };
  if (!raw) {
    if (res.status === 401 || res.status === 403)
      throw new AgbError("auth", `AGB rejected the API key (${op})`, { requestId });
    throw new AgbError("protocol", `${op}: HTTP ${res.status} without a JSON envelope`, {
      requestId,
      httpStatus: res.status,
    });
  }
  const code = typeof pick("code") === "string" ? String(pick("code")) : `http_${res.status}`;
  const message = (typeof pick("message") === "string" && String(pick("message")).trim()) || `HTTP ${res.status} error`;
  const kind =
    res.status === 401 || res.status === 403
      ? "auth"
      : classify(code, message, Number(pick("httpStatusCode") ?? res.status));
  throw new AgbError(kind, `${op}: ${message}`, { code, requestId, httpStatus: res.status });
}

export async function releaseSession(t: Transport, sessionId: string): Promise<{ requestId: string }> {
  requireSessionId(sessionId);
  const res = await t.request({ method: "POST", path: "/mcp/releaseSessionAsync", body: { sessionId } });
  return flexibleOk(res, `Failed to delete session ${sessionId}`);
}

/** Polls getSessionInfo until the session is gone or FINISH, as the SDK's delete() does (docs/protocol.md, "Release"). */
export async function waitReleased(
  t: Transport,
  sessionId: string,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let interval = opts.intervalMs ?? 50;
  for (;;) {
    try {
      const { status } = await getSessionStatus(t, sessionId);
      if (status === "FINISH" || status === "DELETED") return true;
    } catch (e) {
      if (e instanceof AgbError && (e.kind === "not_found" || looksNotFound(e.code, e.message))) return true;
      if (!(e instanceof AgbError) || e.kind === "auth") throw e;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 2, 1000);
  }
}

export async function keepAlive(t: Transport, sessionId: string): Promise<{ requestId: string }> {
  requireSessionId(sessionId);
  const res = await t.request({ method: "POST", path: "/mcp/refreshSessionIdleTime", query: { sessionId }, body: {} });
  return flexibleOk(res, `Failed to keep session ${sessionId} alive`);
}

/** A ListSession item: the standard id and status, plus whatever row fields the backend adds. */
export type ListItem = RowExtensions & { sessionId: string; status: string };

export interface ListPage {
  sessionIds: string[];
  /** The page's items with whatever the backend told about each (status at least). */
  items: ListItem[];
  /** Empty when this is the last page. */
  nextToken: string;
  maxResults: number;
  totalCount: number;
  requestId: string;
}

/** One ListSession call (docs/protocol.md, "Session listing"). Labels are always sent, `{}` when there is no filter. */
export async function listSessionsPage(
  t: Transport,
  p: { labels?: Record<string, string>; maxResults?: number; nextToken?: string; signal?: AbortSignal },
): Promise<ListPage> {
  const maxResults = p.maxResults ?? 10;
  const res = await t.request({
    method: "GET",
    path: "/sdk/ListSession",
    query: { maxResults, labels: JSON.stringify(p.labels ?? {}), nextToken: p.nextToken || undefined },
    idempotent: true,
    signal: p.signal,
  });
  const ok = expectOk(res, "Failed to list sessions", { exact200: true });
  const parsed = listSessionEnvelopeSchema.safeParse(ok.envelope);
  if (!parsed.success) throw new AgbError("protocol", "ListSession: unreadable page", { requestId: ok.requestId });
  const d = parsed.data;
  const items: ListItem[] = d.data
    .filter((x): x is typeof x & { sessionId: string } => typeof x.sessionId === "string" && x.sessionId.length > 0)
    .map(({ sessionStatus, ...x }) => ({ ...x, status: sessionStatus ?? "" }));
  return {
    sessionIds: items.map((x) => x.sessionId),
    items,
    nextToken: d.nextToken ?? "",
    maxResults: Number.isFinite(d.maxResults) ? Number(d.maxResults) : maxResults,
    totalCount: Number.isFinite(d.count) ? Number(d.count) : 0,
    requestId: ok.requestId,
  };
}
