import type { KnownLabels } from "@/lib/api/schemas/labels";

export type Suggestion = { kind: "key"; key: string; count: number } | { kind: "value"; key: string; value: string };

export const MAX_SUGGESTIONS = 8;

/**
 * What to offer for the text typed so far: keys while no separator is typed, then the values of
 * that key. Prefix matches rank before substring matches; keys already filtered are skipped.
 */
export function suggestLabels(
  known: KnownLabels | undefined,
  draft: string,
  exclude: ReadonlySet<string>,
): Suggestion[] {
  if (!known) return [];
  const t = draft.trimStart();
  const eq = t.indexOf("=");
  const sep = eq > 0 ? eq : t.indexOf(":");
  if (sep <= 0) {
    const q = t.trim().toLowerCase();
    return rank(
      known.keys.filter((k) => !exclude.has(k.key)),
      (k) => k.key.toLowerCase(),
      q,
    ).map((k) => ({ kind: "key", key: k.key, count: k.count }));
  }
  const key = t.slice(0, sep).trim();
  const entry = known.keys.find((k) => k.key === key);
  if (!entry) return [];
  const q = t
    .slice(sep + 1)
    .trim()
    .toLowerCase();
  return rank(entry.values, (v) => v.toLowerCase(), q).map((value) => ({ kind: "value", key, value }));
}

function rank<T>(items: T[], text: (t: T) => string, q: string): T[] {
  if (!q) return items.slice(0, MAX_SUGGESTIONS);
  const prefix: T[] = [];
  const inner: T[] = [];
  for (const it of items) {
    const s = text(it);
    if (s.startsWith(q)) prefix.push(it);
    else if (s.includes(q)) inner.push(it);
    if (prefix.length >= MAX_SUGGESTIONS) break;
  }
  return [...prefix, ...inner].slice(0, MAX_SUGGESTIONS);
}
