"use client";
// Reaching a page whose cursor the browser does not know (a shared link to page 7, the last page):
// AGB's list only steps forward, so the pages before it are read from the nearest known one, a
// request each. Its own chunk: the list's first load (page 1, or a page whose cursor is known)
// never needs it.
import { ApiError } from "@/lib/api/client";
import { MAX_WALK_PAGES } from "@/lib/api/paging";
import type { ListSessionsResponse } from "@/lib/api/schemas/sessions";
import { formatCount } from "./format";
import { listCache } from "./list-cache";
import type { SessionsView } from "./url-state";
import { untilShown, walkKey, walkProgress } from "./walk-progress";

type FetchPage = (view: SessionsView, cursor: string | null, walk: boolean) => Promise<ListSessionsResponse>;

/**
 * Reads the pages before `view.page` from the nearest one `known` holds (page 1 when none), at most
 * MAX_WALK_PAGES steps, with `walk` set so the server fetches no labels for them, reporting progress
 * as it goes and waiting while no list shows the page (the user went elsewhere). The pages read on
 * the way are kept in the list's cache.
 */
export async function walkToPage(
  view: SessionsView,
  known: (page: number) => ListSessionsResponse | undefined,
  fetchPage: FetchPage,
): Promise<ListSessionsResponse> {
  let from = view.page - 1;
  while (from > 1 && !known(from)) from--;
  const key = walkKey(view);
  try {
    let page = known(from);
    if (!page) {
      page = await fetchPage({ ...view, page: 1 }, null, true);
      listCache.set(walkKey({ ...view, page: 1 }), page);
    }
    // Past the list's end there is nothing to read (the page then steps back to the last one).
    const pastEnd = (last: ListSessionsResponse) => ({
      ...last,
      items: [],
      page: view.page,
      cursor: null,
      nextCursor: null,
    });
    if (view.page > page.pageCount) return pastEnd(page);
    if (view.page - from > MAX_WALK_PAGES)
      throw new ApiError(
        422,
        "page_too_far",
        `Page ${formatCount(view.page)} is more than ${MAX_WALK_PAGES} pages past page ${formatCount(from)}, the nearest one this browser has read, and AGB's list can only step forward a page at a time. Narrow the filter or use a larger page size.`,
      );
    for (let p = from + 1; p <= view.page; p++) {
      if (!page.nextCursor) return pastEnd(page);
      if (p < view.page) walkProgress.set(key, { at: p, target: view.page });
      await untilShown(key);
      page = await fetchPage({ ...view, page: p }, page.nextCursor, p < view.page);
      // Each page read on the way is kept: stepping back is then instant, and its cursor known.
      if (p < view.page) listCache.set(walkKey({ ...view, page: p }), page);
    }
    return page;
  } finally {
    walkProgress.set(key, null);
  }
}
