import "server-only";
// Label reads, replacement and the bulk add/remove patch.
import type { BulkResult } from "@/lib/api/schemas/sessions";
import type { AgbClient } from "@/lib/agb/client";
import { bulkOutcome } from "../sessions/ops";
import { pMap } from "../util/pmap";
import { labelsCache } from "./cache";
import { invalidateKnownLabels } from "./known";

export async function replaceLabels(agb: AgbClient, sessionId: string, labels: Record<string, string>) {
  const r = await agb.setLabels(sessionId, labels);
  labelsCache(agb).put(sessionId, labels);
  invalidateKnownLabels();
  return { labels, requestId: r.requestId };
}

export async function bulkPatchLabels(
  agb: AgbClient,
  p: { sessionIds: string[]; set: Record<string, string>; remove: string[] },
): Promise<BulkResult> {
  const unique = [...new Set(p.sessionIds)];
  const results = await pMap(unique, 8, async (sessionId) => {
    try {
      const { labels } = await agb.getLabels(sessionId);
      const next = { ...labels, ...p.set };
      for (const k of p.remove) delete next[k];
      await agb.setLabels(sessionId, next);
      labelsCache(agb).put(sessionId, next);
      return { sessionId, ok: true };
    } catch (e) {
      return bulkOutcome(sessionId, e);
    }
  });
  invalidateKnownLabels();
  return { results };
}
