import "server-only";
// The sessions table. AGB's ListSession is cursor based and returns ids only, so:
// - cursor tokens are cached per (filter, page size, page), making page N one call when the
//   previous pages were seen recently (otherwise the SDK's N-1 walking calls);
// - each row's details are fetched in parallel with a cap; a row released meanwhile is dropped.
import type { ListSessionsResponse, SessionRow } from "@/lib/api/schemas/sessions";
import { isAgbError, type AgbClient } from "@/lib/agb/client";
import type { ListItem } from "@/lib/agb/sessions";
import { TtlLru } from "../util/lru";
import { pMap } from "../util/pmap";
import { loadSession, rowOf, toRow } from "./detail";
import { filterKey } from "./label-filter";

export const ROW_CONCURRENCY = 16;
/** token that fetches page `page` for a (filter, size); "" means the first page. */
const cursors = new TtlLru<string>(2_000, 60_000);
const cursorKey = (fk: string, size: number, page: number) => `${fk}|${size}|${page}`;

export function clearCursorCache(): void {
  cursors.clear();
}

async function tokenForPage(agb: AgbClient, labels: Record<string, string>, fk: string, size: number, page: number): Promise<{ token: string } | { outOfRange: true; total: number; requestId: string }> {
  if (page === 1) return { token: "" };
  const hit = cursors.get(cursorKey(fk, size, page));
  if (hit !== undefined) return { token: hit };
  // Walk from the nearest earlier page whose token we know.
  let from = page - 1;
  while (from > 1 && cursors.get(cursorKey(fk, size, from)) === undefined) from--;
  let token = from === 1 ? "" : (cursors.get(cursorKey(fk, size, from)) ?? "");
  for (let p = from; p < page; p++) {
    const res = await agb.listSessionsPage({ labels, maxResults: size, nextToken: token });
    if (!res.nextToken) return { outOfRange: true, total: res.totalCount, requestId: res.requestId };
    token = res.nextToken;
    cursors.set(cursorKey(fk, size, p + 1), token);
  }
  return { token };
}

export async function fetchRows(agb: AgbClient, ids: readonly string[], concurrency = ROW_CONCURRENCY): Promise<SessionRow[]> {
  const rows = await pMap(ids, concurrency, async (id) => {
    try {
      return rowOf(id, await loadSession(agb, id));
    } catch (e) {
      if (isAgbError(e) && e.kind === "not_found") return null; // released since the list call
      throw e;
    }
  });
  return rows.filter((r): r is SessionRow => r !== null);
}

export async function listSessions(agb: AgbClient, q: { labels: Record<string, string>; page: number; size: number }): Promise<ListSessionsResponse> {
  const fk = filterKey(q.labels);
  const pageResult = async () => {
    const t = await tokenForPage(agb, q.labels, fk, q.size, q.page);
    if ("outOfRange" in t) return t;
    const res = await agb.listSessionsPage({ labels: q.labels, maxResults: q.size, nextToken: t.token });
    if (res.nextToken) cursors.set(cursorKey(fk, q.size, q.page + 1), res.nextToken);
    return res;
  };
  let res;
  try {
    res = await pageResult();
  } catch (e) {
    // A cached token the backend no longer accepts: forget them and walk once from the start.
    if (!(isAgbError(e) && e.kind === "invalid_input") || q.page === 1) throw e;
    clearCursorCache();
    res = await pageResult();
  }
  if ("outOfRange" in res) {
    return { items: [], total: res.total, page: q.page, pageSize: q.size, pageCount: Math.ceil(res.total / q.size), requestId: res.requestId };
  }
  // A backend that puts the row fields in ListSession's items saves the per-row calls.
  const complete = res.items.length > 0 && res.items.every((i) => i.labels && i.createTime && i.status);
  const items = complete
    ? res.items.map((i) => toRow({ ...i, labels: i.labels ?? {} }))
    : await fetchRows(agb, res.sessionIds);
  return { items, total: res.totalCount, page: q.page, pageSize: q.size, pageCount: Math.ceil(res.totalCount / q.size), requestId: res.requestId };
}

export const MAX_IDS = 10_000;

/** Every id matching a filter, by pages of 100 (for "select all N matching"). */
export async function listSessionIds(agb: AgbClient, labels: Record<string, string>, max = MAX_IDS): Promise<{ ids: string[]; total: number }> {
  const { items, total } = await listSessionItems(agb, labels, max);
  return { ids: items.map((i) => i.sessionId), total };
}

/** Like listSessionIds, keeping whatever each list item carries (labels on backends that send them). */
export async function listSessionItems(agb: AgbClient, labels: Record<string, string>, max = MAX_IDS): Promise<{ items: ListItem[]; total: number }> {
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
