import "server-only";
// One session's details: getSession, plus GetLabel where getSession carries no labels (AGB). The
// two run in parallel once the backend has shown that its getSession lacks labels.
import type { SessionDetail, SessionRow } from "@/lib/api/schemas/sessions";
import type { AgbClient, SessionData } from "@/lib/agb/client";
import { labelsCache } from "../labels/cache";
import { processGlobal } from "../process-global";

/** The session token and any token in the WS URL are access credentials: never sent to the browser. */
export function redactSessionData(data: SessionData): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  if (typeof out.token === "string" && out.token) out.token = "[hidden]";
  if (typeof out.wsUrl === "string" && out.wsUrl) out.wsUrl = out.wsUrl.replace(/([?&]token=)[^&]*/gi, "$1[hidden]");
  return out;
}

/** Learned from answers, per client: does getSession carry labels? Unknown until the first one. */
const carriesLabels = processGlobal("agb-carries-labels", () => new WeakMap<AgbClient, boolean>());

type Loaded = { data: SessionData; labels: Record<string, string>; status: string; requestId: string };

export async function loadSession(agb: AgbClient, sessionId: string): Promise<Loaded> {
  const parallelLabels = carriesLabels.get(agb) !== true ? agb.getLabels(sessionId) : null;
  // Settled either way, so a failing getSession does not leave an unhandled rejection behind.
  parallelLabels?.catch(() => undefined);
  const { data, requestId } = await agb.getSession(sessionId);
  carriesLabels.set(agb, Boolean(data.labels));
  const labels = data.labels ?? (await (parallelLabels ?? agb.getLabels(sessionId))).labels;
  const status = data.status || data.Status || (await agb.getSessionStatus(sessionId)).status;
  labelsCache(agb).put(sessionId, labels);
  return { data, labels, status: status || "UNKNOWN", requestId };
}

/** The one mapping from what AGB tells about a session (a list item or getSession) to a table row. */
export function toRow(f: {
  sessionId: string;
  status: string;
  labels: Record<string, string> | null;
  imageId?: string;
  createTime?: string;
  idleReleaseTime?: string;
}): SessionRow {
  return {
    sessionId: f.sessionId,
    status: f.status,
    imageId: f.imageId ?? null,
    labels: f.labels,
    createdAt: f.createTime ?? null,
    idleReleaseAt: f.idleReleaseTime ?? null,
  };
}

export async function getSessionDetail(agb: AgbClient, sessionId: string): Promise<SessionDetail> {
  const s = await loadSession(agb, sessionId);
  return {
    ...toRow({ ...s.data, sessionId, status: s.status, labels: s.labels }),
    labels: s.labels,
    resourceUrl: s.data.resourceUrl ?? null,
    appInstanceId: s.data.appInstanceId ?? null,
    resourceId: s.data.resourceId ?? null,
    idleTimeoutSeconds: s.data.idleTimeout ?? null,
    raw: redactSessionData(s.data),
    requestId: s.requestId,
  };
}
