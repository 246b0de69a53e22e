import "server-only";
// The sessions table. One ListSession call per page: AGB answers ids and statuses (a richer
// backend adds image, times and labels to each item, and those are used as they come). Labels the
// items lack come from the labels cache, or are fetched in the background and asked for by the
// browser in a second request, so the rows appear after one AGB call.
// Paging keeps no state here: the client sends the page's cursor (the previous answer's
// `nextCursor`), so any dashboard instance can serve any page. Without one, page N walks from page
// 1, at most MAX_SERVER_WALK_PAGES steps (the browser walks further itself, a request per page).
import { MAX_SERVER_WALK_PAGES } from "@/lib/api/paging";
import type { ListSessionsResponse, SessionRow } from "@/lib/api/schemas/sessions";
import { isAgbError, type AgbClient } from "@/lib/agb/client";
import type { ListItem } from "@/lib/agb/sessions";
import { HttpError } from "../errors";
import { labelsCache } from "../labels/cache";
import { toRow } from "./detail";

export interface ListQuery {
  labels: Record<string, string>;
  page: number;
  size: number;
  cursor?: string;
  /** Read only for its cursor, on the way to a later page: its rows' missing labels are not fetched. */
  walk?: boolean;
  /** Aborts the AGB call (the page's server-side prefetch gives up after a short budget). */
  signal?: AbortSignal;
}

/** The token that reads `page`, walking from page 1; null when the list ends before it. */
async function walkTo(
  agb: AgbClient,
  q: ListQuery,
): Promise<{ token: string } | { end: { total: number; requestId: string } }> {
  if (q.page - 1 > MAX_SERVER_WALK_PAGES)
    throw new HttpError(
      422,
      "page_too_far",
      `Page ${q.page} is more than ${MAX_SERVER_WALK_PAGES} pages from the first: AGB's list can only step forward from page 1. Send the cursor of the page before it (its answer's nextCursor), narrow the filter or use a larger page size.`,
      { issues: [{ path: "page", message: `At most ${MAX_SERVER_WALK_PAGES + 1} without a cursor` }] },
    );
  let token = "";
  for (let p = 1; p < q.page; p++) {
    const res = await agb.listSessionsPage({ labels: q.labels, maxResults: q.size, nextToken: token });
    if (!res.nextToken) return { end: { total: res.totalCount, requestId: res.requestId } };
    token = res.nextToken;
  }
  return { token };
}

export async function listSessions(agb: AgbClient, q: ListQuery): Promise<ListSessionsResponse> {
  const pageOf = (total: number) => ({ total, page: q.page, pageSize: q.size, pageCount: Math.ceil(total / q.size) });
  let token = q.cursor ?? "";
  if (!q.cursor && q.page > 1) {
    const w = await walkTo(agb, q);
    if ("end" in w)
      return { items: [], ...pageOf(w.end.total), cursor: null, nextCursor: null, requestId: w.end.requestId };
    token = w.token;
  }
  let res;
  try {
    res = await agb.listSessionsPage({ labels: q.labels, maxResults: q.size, nextToken: token, signal: q.signal });
  } catch (e) {
    if (q.cursor && isAgbError(e) && e.kind === "invalid_input")
      throw new HttpError(
        409,
        "cursor_expired",
        `AGB no longer accepts this page's cursor (${e.message}); open the list from page 1`,
        {
          requestId: e.requestId || undefined,
        },
      );
    throw e;
  }
  const items = rowsOf(agb, res.items, !q.walk);
  return {
    items,
    ...pageOf(res.totalCount),
    cursor: token || null,
    nextCursor: res.nextToken || null,
    requestId: res.requestId,
  };
}

/** List items → rows, with labels from the items or the cache; with `fetchLabels`, starts fetching the rest. */
function rowsOf(agb: AgbClient, items: ListItem[], fetchLabels: boolean): SessionRow[] {
  const cache = labelsCache(agb);
  const missing: string[] = [];
  const cached: string[] = [];
  const rows = items.map((i) => {
    let labels: Record<string, string> | null = null;
    if (i.labels) {
      labels = i.labels;
      cache.put(i.sessionId, i.labels);
    } else {
      labels = cache.peek(i.sessionId) ?? null;
      (labels ? cached : missing).push(i.sessionId);
    }
    return toRow({ ...i, status: i.status || "UNKNOWN", labels });
  });
  if (fetchLabels) {
    cache.prefetch(missing);
    cache.refreshSome(cached);
  }
  return rows;
}

export const MAX_IDS = 10_000;

/** Every id matching a filter, by pages of 100 (for "select all N matching"). */
export async function listSessionIds(
  agb: AgbClient,
  labels: Record<string, string>,
  max = MAX_IDS,
): Promise<{ ids: string[]; total: number }> {
  const { items, total } = await listSessionItems(agb, labels, max);
  return { ids: items.map((i) => i.sessionId), total };
}

/** Like listSessionIds, keeping whatever each list item carries (labels on backends that send them). */
export async function listSessionItems(
  agb: AgbClient,
  labels: Record<string, string>,
  max = MAX_IDS,
): Promise<{ items: ListItem[]; total: number }> {
  const items: ListItem[] = [];
  const seen = new Set<string>();
  let token = "";
  let total = 0;
  do {
    const res = await agb.listSessionsPage({ labels, maxResults: 100, nextToken: token });
    total = res.totalCount;
    for (const item of res.items) {
      if (seen.has(item.sessionId) || items.length >= max) continue;
      seen.add(item.sessionId);
      items.push(item);
    }
    token = res.nextToken;
  } while (token && items.length < max);
  return { items, total };
}
