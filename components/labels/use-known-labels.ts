"use client";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { KnownLabels } from "@/lib/api/schemas/labels";
import { ClientCache, useCached } from "@/lib/client-cache";

// Not react-query's: the sessions list's label filter suggests them, and that page loads without it.
const known = new ClientCache<KnownLabels>(30_000);
const fetchKnown = () => callApi(endpoints.knownLabels);

/** Keys and values in use, for autocomplete. Loaded when a filter, editor or the palette first needs it. */
export function useKnownLabels(enabled = true) {
  const entry = useCached(known, "", fetchKnown, enabled);
  return { data: entry?.data };
}

/** After a change that may add or drop labels: the next use asks again. */
export const invalidateKnownLabels = () => known.invalidate();
