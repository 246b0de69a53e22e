// The sessions list's whole view state lives in the URL (`?label=env:prod&label=team:ml&page=3&size=50`)
// so a shared or reloaded link shows the same view. Parsing never throws: a malformed value is
// dropped and reported as a notice.
import { PAGE_SIZES } from "@/lib/api/paging";
import { formatLabelPair, LABEL_LIMITS, MAX_LABEL_FILTERS, parseLabelPair } from "@/lib/protocol/labels";
import type { LabelPair } from "@/lib/query-keys";

export const DEFAULT_PAGE_SIZE = 50;
export type PageSize = (typeof PAGE_SIZES)[number];

export type SessionsView = { labels: LabelPair[]; page: number; size: PageSize };
export type ParsedView = SessionsView & { notices: string[] };

type ParamsLike = { getAll(name: string): string[]; get(name: string): string | null };

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

export function parseSessionsView(params: ParamsLike): ParsedView {
  const notices: string[] = [];
  const labels: LabelPair[] = [];
  for (const raw of params.getAll("label")) {
    const pair = parseLabelPair(raw);
    if (!pair) {
      notices.push(
        `Ignored the label filter "${clip(raw)}": expected key:value (key ≤ ${LABEL_LIMITS.keyMax}, value ≤ ${LABEL_LIMITS.valueMax} characters).`,
      );
      continue;
    }
    const same = labels.find((l) => l.key === pair.key);
    if (same) {
      if (same.value !== pair.value)
        notices.push(`Ignored the label filter "${clip(raw)}": the key "${clip(pair.key)}" is already filtered.`);
      continue;
    }
    if (labels.length >= MAX_LABEL_FILTERS) {
      notices.push(`Ignored the label filter "${clip(raw)}": at most ${MAX_LABEL_FILTERS} label filters.`);
      continue;
    }
    labels.push(pair);
  }

  let page = 1;
  const rawPage = params.get("page");
  if (rawPage !== null) {
    const n = /^\d{1,9}$/.test(rawPage.trim()) ? Number(rawPage) : NaN;
    if (Number.isInteger(n) && n >= 1) page = n;
    else notices.push(`Ignored page "${clip(rawPage)}": expected a whole number from 1.`);
  }

  let size: PageSize = DEFAULT_PAGE_SIZE;
  const rawSize = params.get("size");
  if (rawSize !== null) {
    const n = Number(rawSize);
    if ((PAGE_SIZES as readonly number[]).includes(n)) size = n as PageSize;
    else notices.push(`Ignored page size "${clip(rawSize)}": choose ${PAGE_SIZES.join(", ")}.`);
  }

  return { labels, page, size, notices };
}

/** The canonical query string of a view; defaults are left out so plain /sessions stays plain. */
export function serializeSessionsView(view: SessionsView): string {
  const sp = new URLSearchParams();
  for (const l of view.labels) sp.append("label", formatLabelPair(l));
  if (view.page !== 1) sp.set("page", String(view.page));
  if (view.size !== DEFAULT_PAGE_SIZE) sp.set("size", String(view.size));
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** Adds a filter (replacing another value of the same key, as AGB filters are one value per key). */
export function withLabel(view: SessionsView, pair: LabelPair): SessionsView {
  const rest = view.labels.filter((l) => l.key !== pair.key);
  return { ...view, labels: [...rest, pair], page: 1 };
}

export function withoutLabel(view: SessionsView, key: string): SessionsView {
  return { ...view, labels: view.labels.filter((l) => l.key !== key), page: 1 };
}

/** "Showing 51–100 of 10,000" figures. */
export function rangeOf(page: number, size: number, total: number): { from: number; to: number } {
  if (total === 0) return { from: 0, to: 0 };
  const from = Math.min((page - 1) * size + 1, total);
  return { from, to: Math.min(page * size, total) };
}
