// The sessions list's answers, outside react-query (the list page's first load carries none:
// issue 11). Its own module, so the session page's actions can mark lists stale without loading
// the list's code.
import type { ListSessionsResponse, SessionLabelsResponse } from "@/lib/api/schemas/sessions";
import { ClientCache } from "@/lib/client-cache";

/** Pages of the list by view (walkKey): polled every 5 s while shown, so an answer is stale after that. */
export const listCache = new ClientCache<ListSessionsResponse>(5_000);

/** Labels of listed rows whose list item carried none, by group of ids: fresher ones come with each poll. */
export const rowLabelsCache = new ClientCache<SessionLabelsResponse>(Infinity);

/** After a change to sessions: the lists on screen fetch again (and, after bulk edits, the row labels). */
export function invalidateSessionLists({ rowLabels = false } = {}) {
  listCache.invalidate();
  if (rowLabels) rowLabelsCache.invalidate();
}
