// The sessions list's answers, outside react-query (the list page's first load carries none:
// issue 11). Its own module, so the session page's actions can mark lists stale without loading
// the list's code.
import type { ListSessionsResponse, SessionLabelsResponse } from "@/lib/api/schemas/sessions";
import { ClientCache } from "@/lib/client-cache";

/** Pages of the list by view (walkKey): polled every 5 s while shown, so an answer is stale after that. */
export const listCache = new ClientCache<ListSessionsResponse>(5_000);

/** Labels of listed rows whose list item carried none, by group of ids: fresher ones come with each poll. */
export const rowLabelsCache = new ClientCache<SessionLabelsResponse>(Infinity);

let changesOutsideQueries = 0;

/**
 * How many times sessions changed where react-query is not loaded (the list page's bulk actions):
 * the query provider marks the session details it cached before then stale (query-provider.tsx).
 */
export const sessionChangesOutsideQueries = () => changesOutsideQueries;

/**
 * After a change to sessions: the lists on screen fetch again (and, after bulk edits, the row
 * labels and any session page cached before them).
 */
export function invalidateSessionLists({ rowLabels = false, details = false } = {}) {
  listCache.invalidate();
  if (rowLabels) rowLabelsCache.invalidate();
  if (details) changesOutsideQueries++;
}
