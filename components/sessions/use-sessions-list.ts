"use client";
import * as React from "react";
import { ApiError, callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { onBackendRecovered } from "@/lib/api/outage";
import type { ListSessionsResponse } from "@/lib/api/schemas/sessions";
import { formatLabelPair } from "@/lib/protocol/labels";
import { listCache } from "./list-cache";
import type { SessionsView } from "./url-state";
import { showView, walkKey } from "./walk-progress";

export const LIST_REFRESH_MS = 5_000;

/** The first page as the server read it while rendering (null when it did not in time). */
export type InitialList = { view: SessionsView; data: ListSessionsResponse; at: number };

/** `walk`: read only for its cursor, on the way to a later page (the server fetches no labels for it). */
function fetchPage(view: SessionsView, cursor: string | null, walk = false) {
  const query = {
    label: view.labels.map(formatLabelPair),
    page: view.page,
    size: view.size,
    cursor: cursor || undefined,
    walk: walk ? ("1" as const) : undefined,
  };
  return callApi(endpoints.listSessions, { query });
}

/**
 * AGB's list only steps forward, and the server keeps no cursors: the cursor of page N is the
 * `nextCursor` of page N-1 as this browser last saw it (or the page's own, when polling it again).
 * A page whose cursor is unknown (a shared link to page 7) is reached by reading the pages before
 * it (walk-to-page.ts).
 */
async function loadPage(view: SessionsView, fresh = false): Promise<ListSessionsResponse> {
  try {
    return await readPage(view, fresh);
  } catch (e) {
    // AGB no longer takes a cursor (it expired): read the list again from page 1.
    if (e instanceof ApiError && e.code === "cursor_expired" && !fresh) return readPage(view, true);
    throw e;
  }
}

async function readPage(view: SessionsView, fresh: boolean): Promise<ListSessionsResponse> {
  if (view.page === 1) return fetchPage(view, null);
  const known = (page: number) => (fresh ? undefined : listCache.get(walkKey({ ...view, page }))?.data);
  const cursor = known(view.page)?.cursor ?? known(view.page - 1)?.nextCursor;
  if (cursor) return fetchPage(view, cursor);

  const { walkToPage } = await import("./walk-to-page");
  return walkToPage(view, known, fetchPage);
}

/** Fetches a view's page unless a fresh answer is cached (or joins the fetch under way). */
export function prefetchSessionsList(view: SessionsView, force = false): Promise<unknown> {
  const key = walkKey(view);
  if (!force && !listCache.isStale(key)) return Promise.resolve();
  return listCache.fetch(key, () => loadPage(view)).catch(() => {});
}

export type SessionsList = {
  data: ListSessionsResponse | undefined;
  /** Nothing to show yet (no answer, no error, no earlier view's page). */
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  /** `data` is the previous view's page, shown while this one loads. */
  isPlaceholderData: boolean;
  refetch: () => void;
};

/**
 * One page of sessions. Polls every LIST_REFRESH_MS while the tab is visible (none while it is
 * hidden; on showing again, a stale page is fetched at once), and keeps the previous view's page on
 * screen while the next loads, so nothing flickers. `initial` is the server's first page, already in the HTML.
 */
export function useSessionsList(view: SessionsView, initial: InitialList | null): SessionsList {
  const key = walkKey(view);
  const initialKey = initial ? walkKey(initial.view) : null;
  // The server's render (and hydration) see only the server's page; the browser's cache takes it
  // unless it holds a newer answer (a page fetched since, or read before a client-side navigation).
  const serverEntry = React.useMemo(
    () => (initial && initialKey === key ? { data: initial.data, updatedAt: initial.at, fetching: false } : undefined),
    [initial, initialKey, key],
  );
  if (typeof window !== "undefined" && initial && initialKey) listCache.prime(initialKey, initial.data, initial.at);
  const entry = React.useSyncExternalStore(
    listCache.subscribe,
    () => listCache.get(key),
    () => serverEntry,
  );

  const viewRef = React.useRef(view);
  React.useEffect(() => {
    viewRef.current = view;
  });
  React.useEffect(() => {
    const v = viewRef.current;
    const unshow = showView(key);
    // On mount and view change even in a hidden tab (there may be nothing to show yet).
    void prefetchSessionsList(v);
    const poll = setInterval(() => {
      if (document.visibilityState === "visible") void prefetchSessionsList(v, true);
    }, LIST_REFRESH_MS);
    const onShown = () => {
      if (document.visibilityState === "visible") void prefetchSessionsList(v);
    };
    document.addEventListener("visibilitychange", onShown);
    const offInvalidate = listCache.onInvalidate(() => void prefetchSessionsList(v));
    const offRecovered = onBackendRecovered(() => void prefetchSessionsList(v, true));
    return () => {
      unshow();
      clearInterval(poll);
      document.removeEventListener("visibilitychange", onShown);
      offInvalidate();
      offRecovered();
    };
  }, [key]);

  // The last page shown, for the placeholder while another view's first answer is on its way.
  const own = entry?.data;
  const [shown, setShown] = React.useState(own);
  if (own && own !== shown) setShown(own);
  const placeholder = !own && !entry?.error ? shown : undefined;
  const data = own ?? placeholder;
  return {
    data,
    isPending: !data && !entry?.error,
    isError: entry?.error !== undefined,
    error: entry?.error ?? null,
    isFetching: entry?.fetching ?? false,
    isPlaceholderData: placeholder !== undefined,
    refetch: () => void prefetchSessionsList(viewRef.current, true),
  };
}
