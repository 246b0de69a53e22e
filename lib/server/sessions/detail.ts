import "server-only";
// One session's details, from getSession plus (on AGB cloud, where getSession lacks them) the
// labels and status calls.
import type { SessionDetail, SessionRow } from "@/lib/api/schemas/sessions";
import type { AgbClient, SessionData } from "@/lib/agb/client";

/** The session token and any token in the WS URL are access credentials: never sent to the browser. */
export function redactSessionData(data: SessionData): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  if (typeof out.token === "string" && out.token) out.token = "[hidden]";
  if (typeof out.wsUrl === "string" && out.wsUrl) out.wsUrl = out.wsUrl.replace(/([?&]token=)[^&]*/gi, "$1[hidden]");
  return out;
}

export async function loadSession(agb: AgbClient, sessionId: string): Promise<{ data: SessionData; labels: Record<string, string>; status: string; requestId: string }> {
  const { data, requestId } = await agb.getSession(sessionId);
  const [labels, status] = await Promise.all([
    data.labels ? Promise.resolve(data.labels) : agb.getLabels(sessionId).then((r) => r.labels),
    data.status || data.Status ? Promise.resolve(data.status || data.Status || "") : agb.getSessionStatus(sessionId).then((r) => r.status),
  ]);
  return { data, labels, status: status || "UNKNOWN", requestId };
}

/** The one mapping from what AGB tells about a session (a list item or getSession) to a table row. */
export function toRow(f: { sessionId: string; status: string; labels: Record<string, string>; imageId?: string; createTime?: string; idleReleaseTime?: string }): SessionRow {
  return {
    sessionId: f.sessionId,
    status: f.status,
    imageId: f.imageId ?? null,
    labels: f.labels,
    createdAt: f.createTime ?? null,
    idleReleaseAt: f.idleReleaseTime ?? null,
  };
}

export const rowOf = (sessionId: string, s: { data: SessionData; labels: Record<string, string>; status: string }) =>
  toRow({ ...s.data, sessionId, status: s.status, labels: s.labels });

export async function getSessionDetail(agb: AgbClient, sessionId: string): Promise<SessionDetail> {
  const s = await loadSession(agb, sessionId);
  return {
    ...rowOf(sessionId, s),
    resourceUrl: s.data.resourceUrl ?? null,
    appInstanceId: s.data.appInstanceId ?? null,
    resourceId: s.data.resourceId ?? null,
    idleTimeoutSeconds: s.data.idleTimeout ?? null,
    raw: redactSessionData(s.data),
    requestId: s.requestId,
  };
}
