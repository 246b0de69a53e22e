"use client";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoints";
import { queryKeys } from "@/lib/query-keys";
import { formatLabelPair } from "@/lib/protocol/labels";
import type { SessionsView } from "./url-state";

export const LIST_REFRESH_MS = 5_000;

/** The query of one page of sessions, shared by the hook and by prefetches started at a user's action. */
export function sessionsListQuery(view: SessionsView) {
  return queryOptions({
    queryKey: queryKeys.sessions.list(view),
    queryFn: ({ signal }) =>
      callApi(endpoints.listSessions, { query: { label: view.labels.map(formatLabelPair), page: view.page, size: view.size }, signal }),
  });
}

/**
 * One page of sessions. Polls while the tab is visible (react-query pauses interval refetches in
 * background tabs) and keeps the previous page on screen while the next loads, so nothing flickers.
 */
export function useSessionsList(view: SessionsView) {
  return useQuery({
    ...sessionsListQuery(view),
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
