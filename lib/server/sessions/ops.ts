import "server-only";
// Create, delete (one or many) and keep-alive.
import type { BulkResult, SessionDetail } from "@/lib/api/schemas/sessions";
import { isAgbError, type AgbClient } from "@/lib/agb/client";
import { agbErrorStatus } from "../errors";
import { labelsCache } from "../labels/cache";
import { pMap } from "../util/pmap";
import { getSessionDetail, redactSessionData } from "./detail";

export async function createSession(
  agb: AgbClient,
  p: { imageId: string; labels: Record<string, string>; idleTimeoutSeconds: number },
): Promise<SessionDetail> {
  const created = await agb.createSession({ imageId: p.imageId, labels: p.labels, idleTimeoutS: p.idleTimeoutSeconds });
  labelsCache(agb).put(created.sessionId, p.labels);
  // The session exists now: a failing follow-up read must not turn into an error the browser
  // would retry (a second session). The create answer and what we asked for stand in for it.
  const detail = await getSessionDetail(agb, created.sessionId).catch((): SessionDetail => ({
    sessionId: created.sessionId,
    status: created.data.status || "RUNNING",
    imageId: null,
    labels: p.labels,
    createdAt: null,
    idleReleaseAt: null,
    resourceUrl: created.data.resourceUrl ?? null,
    appInstanceId: created.data.appInstanceId ?? null,
    resourceId: created.data.resourceId ?? null,
    idleTimeoutSeconds: p.idleTimeoutSeconds,
    raw: redactSessionData(created.data),
    requestId: created.requestId,
  }));
  // The backend may not echo the image on getSession (AGB): we know it.
  return { ...detail, imageId: detail.imageId ?? p.imageId, requestId: created.requestId };
}

/** releaseSessionAsync, then wait briefly for the release to show, as the SDK's delete() does. */
export async function deleteSession(agb: AgbClient, sessionId: string): Promise<{ requestId: string }> {
  const r = await agb.releaseSession(sessionId);
  labelsCache(agb).forget(sessionId);
  await agb.waitReleased(sessionId, { timeoutMs: 5_000 });
  return r;
}

export function bulkOutcome(sessionId: string, e: unknown): BulkResult["results"][number] {
  if (isAgbError(e)) {
    const m = agbErrorStatus(e);
    return {
      sessionId,
      ok: false,
      error: { code: m.code, message: m.message, ...(e.requestId ? { requestId: e.requestId } : {}) },
    };
  }
  return { sessionId, ok: false, error: { code: "internal", message: e instanceof Error ? e.message : String(e) } };
}

/** Deleting a session that is already gone counts as done. */
export async function bulkDelete(agb: AgbClient, ids: string[]): Promise<BulkResult> {
  const unique = [...new Set(ids)];
  const results = await pMap(unique, 8, async (sessionId) => {
    try {
      await agb.releaseSession(sessionId);
      labelsCache(agb).forget(sessionId);
      return { sessionId, ok: true };
    } catch (e) {
      if (isAgbError(e) && e.kind === "not_found") {
        labelsCache(agb).forget(sessionId);
        return { sessionId, ok: true };
      }
      return bulkOutcome(sessionId, e);
    }
  });
  return { results };
}

export async function keepAlive(
  agb: AgbClient,
  sessionId: string,
): Promise<{ requestId: string; idleReleaseAt: string | null }> {
  const r = await agb.keepAlive(sessionId);
  let idleReleaseAt: string | null = null;
  try {
    idleReleaseAt = (await agb.getSession(sessionId)).data.idleReleaseTime ?? null;
  } catch {
    idleReleaseAt = null; // the keep-alive itself succeeded
  }
  return { requestId: r.requestId, idleReleaseAt };
}
