import "server-only";
// GET /api/sessions/labels?id=…&id=…: the labels of the rows a list page showed without them.
import { MAX_LABEL_IDS, type SessionLabelsResponse } from "@/lib/api/schemas/sessions";
import type { AgbClient } from "@/lib/agb/client";
import { HttpError, SESSION_ID } from "../errors";
import { labelsCache } from "./cache";

export function sessionIds(raw: readonly string[]): string[] {
  const ids = [...new Set(raw)];
  if (ids.length === 0)
    throw new HttpError(422, "invalid_input", "Give at least one session id (id=…)", {
      issues: [{ path: "id", message: "Required" }],
    });
  if (ids.length > MAX_LABEL_IDS)
    throw new HttpError(422, "invalid_input", `At most ${MAX_LABEL_IDS} session ids at once`, {
      issues: [{ path: "id", message: `At most ${MAX_LABEL_IDS}` }],
    });
  const bad = ids.findIndex((id) => !SESSION_ID.test(id));
  if (bad >= 0)
    throw new HttpError(422, "invalid_input", `"${ids[bad].slice(0, 60)}" is not a session id`, {
      issues: [{ path: `id.${bad}`, message: "Not a session id" }],
    });
  return ids;
}

export function sessionLabels(agb: AgbClient, ids: string[]): Promise<SessionLabelsResponse> {
  return labelsCache(agb).resolve(ids);
}
