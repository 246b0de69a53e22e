"use client";
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { ApiError, callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { MAX_WALK_PAGES } from "@/lib/api/paging";
import type { ListSessionsResponse } from "@/lib/api/schemas/sessions";
import { formatLabelPair } from "@/lib/protocol/labels";
import { queryKeys } from "@/lib/query-keys";
import type { SessionsView } from "./url-state";
import { walkKey, walkProgress } from "./walk-progress";

export const LIST_REFRESH_MS = 5_000;

function fetchPage(view: SessionsView, cursor: string | null, signal: AbortSignal) {
  const query = {
    label: view.labels.map(formatLabelPair),
    page: view.page,
    size: view.size,
    cursor: cursor || undefined,
  };
  return callApi(endpoints.listSessions, { query, signal });
}

const cached = (qc: QueryClient, v: SessionsView) => qc.getQueryData<ListSessionsResponse>(queryKeys.sessions.list(v));

/**
 * AGB's list only steps forward, and the server keeps no cursors: the cursor of page N is the
 * `nextCursor` of page N-1 as this browser last saw it (or the page's own, when polling it again).
 * A page whose cursor is unknown (a shared link to page 7) is reached by reading the pages before
 * it from the nearest known one, at most MAX_WALK_PAGES steps, reporting progress as it goes.
 */
async function loadPage(
  qc: QueryClient,
  view: SessionsView,
  signal: AbortSignal,
  fresh = false,
): Promise<ListSessionsResponse> {
  try {
    return await readPage(qc, view, signal, fresh);
  } catch (e) {
    // AGB no longer takes a cursor (it expired): read the list again from page 1.
    if (e instanceof ApiError && e.code === "cursor_expired" && !fresh) return readPage(qc, view, signal, true);
    throw e;
  }
}

async function readPage(
  qc: QueryClient,
  view: SessionsView,
  signal: AbortSignal,
  fresh: boolean,
): Promise<ListSessionsResponse> {
  if (view.page === 1) return fetchPage(view, null, signal);
  const known = (page: number) => (fresh ? undefined : cached(qc, { ...view, page }));
  const cursor = known(view.page)?.cursor ?? known(view.page - 1)?.nextCursor;
  if (cursor) return fetchPage(view, cursor, signal);

  let from = view.page - 1;
  while (from > 1 && !known(from)) from--;
  // Too far to walk: the server says so in its own words (page_too_far).
  if (view.page - from > MAX_WALK_PAGES) return fetchPage(view, null, signal);
  const key = walkKey(view);
  try {
    let page = known(from);
    if (!page) {
      page = await fetchPage({ ...view, page: 1 }, null, signal);
      qc.setQueryData(queryKeys.sessions.list({ ...view, page: 1 }), page);
    }
    for (let p = from + 1; p <= view.page; p++) {
      if (!page.nextCursor) return { ...page, items: [], page: view.page, cursor: null, nextCursor: null };
      if (p < view.page) walkProgress.set(key, { at: p, target: view.page });
      page = await fetchPage({ ...view, page: p }, page.nextCursor, signal);
      // Each page read on the way is kept: stepping back is then instant, and its cursor known.
      if (p < view.page) qc.setQueryData(queryKeys.sessions.list({ ...view, page: p }), page);
    }
    return page;
  } finally {
    walkProgress.set(key, null);
  }
}

/** The query of one page of sessions, shared by the hook and by prefetches started at a user's action. */
export function sessionsListQuery(view: SessionsView) {
  return queryOptions({
    queryKey: queryKeys.sessions.list(view),
    queryFn: ({ signal, client }) => loadPage(client, view, signal),
  });
}

/**
 * One page of sessions. Polls while the tab is visible (react-query pauses interval refetches in
 * hidden tabs, and refetches when the tab shows again) and keeps the previous page on screen while
 * the next loads, so nothing flickers.
 */
export function useSessionsList(view: SessionsView) {
  return useQuery({
    ...sessionsListQuery(view),
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
