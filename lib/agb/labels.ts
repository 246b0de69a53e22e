import "server-only";
// GetLabel / SetLabel (docs/protocol.md, "Labels"). SetLabel's quirks: `Labels` with a capital L, in the query,
// JSON in a string, and no body at all.
import { isBlank } from "@/lib/protocol/labels";
import { expectOk } from "./envelope";
import { AgbError } from "./errors";
import { requireSessionId } from "./sessions";
import type { Transport } from "./transport";
import { getLabelDataSchema } from "./wire-schemas";

export async function getLabels(
  t: Transport,
  sessionId: string,
): Promise<{ labels: Record<string, string>; requestId: string }> {
  requireSessionId(sessionId);
  const res = await t.request({ method: "GET", path: "/sdk/GetLabel", query: { sessionId }, idempotent: true });
  const ok = expectOk(res, `Failed to get labels of session ${sessionId}`);
  const parsed = getLabelDataSchema.safeParse(ok.data ?? {});
  if (!parsed.success)
    throw new AgbError("protocol", `GetLabel ${sessionId}: data.labels is not a JSON object string`, {
      requestId: ok.requestId,
    });
  return { labels: parsed.data.labels ?? {}, requestId: ok.requestId };
}

/**
 * Replaces the label set. Mirrors the SDK's client-side checks on keys and values, but allows an
 * empty object: the dashboard must be able to remove a session's last label.
 */
export async function setLabels(
  t: Transport,
  sessionId: string,
  labels: Record<string, string>,
): Promise<{ requestId: string }> {
  requireSessionId(sessionId);
  if (!labels || typeof labels !== "object" || Array.isArray(labels))
    throw new AgbError("invalid_input", "Labels cannot be null, undefined, an array or another type: pass an object", {
      code: "InvalidParameter.Labels",
    });
  for (const [k, v] of Object.entries(labels)) {
    if (isBlank(k))
      throw new AgbError("invalid_input", "Label keys cannot be empty", { code: "InvalidParameter.Labels" });
    if (v === null || v === undefined || (typeof v === "string" && isBlank(v)))
      throw new AgbError("invalid_input", `Label values cannot be empty (key "${k}")`, {
        code: "InvalidParameter.Labels",
      });
  }
  const res = await t.request({
    method: "POST",
    path: "/sdk/SetLabel",
    query: { sessionId, Labels: JSON.stringify(labels) },
  });
  const ok = expectOk(res, `Failed to set labels of session ${sessionId}`);
  return { requestId: ok.requestId };
}
