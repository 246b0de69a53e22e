import "server-only";
// Label discovery for filter suggestions: keys and values across the caller's sessions. Walks at
// most MAX_SESSIONS sessions (newest first) and caches the answer for 10 s; labels the list items
// lack come from the labels cache (GetLabel only for sessions it does not know).
import type { KnownLabels } from "@/lib/api/schemas/labels";
import type { AgbClient } from "@/lib/agb/client";
import { listSessionItems } from "../sessions/list";
import { labelsCache } from "./cache";

const MAX_SESSIONS = 1_000;
const MAX_VALUES = 50;
const TTL_MS = 10_000;
let cache: { at: number; value: Promise<KnownLabels> } | null = null;

export function invalidateKnownLabels(): void {
  cache = null;
}

async function compute(agb: AgbClient): Promise<KnownLabels> {
  const { items } = await listSessionItems(agb, {}, MAX_SESSIONS);
  const fetched = await labelsCache(agb).resolve(items.filter((i) => !i.labels).map((i) => i.sessionId));
  const perKey = new Map<string, { count: number; values: Map<string, number> }>();
  for (const item of items) {
    const labels = item.labels ?? fetched.labels[item.sessionId];
    if (!labels) continue; // released since the list call
    for (const [k, v] of Object.entries(labels)) {
      const e = perKey.get(k) ?? { count: 0, values: new Map<string, number>() };
      e.count++;
      e.values.set(v, (e.values.get(v) ?? 0) + 1);
      perKey.set(k, e);
    }
  }
  const keys = [...perKey.entries()]
    .map(([key, e]) => ({
      key,
      count: e.count,
      values: [...e.values.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, MAX_VALUES)
        .map(([v]) => v),
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { keys };
}

export function knownLabels(agb: AgbClient): Promise<KnownLabels> {
  const now = Date.now();
  if (cache && now - cache.at < TTL_MS) return cache.value;
  const value = compute(agb);
  cache = { at: now, value };
  value.catch(() => {
    if (cache?.value === value) cache = null;
  });
  return value;
}
