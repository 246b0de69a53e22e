"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { knownLabelsResponse } from "@/lib/api/schemas/labels";
import { queryKeys } from "@/lib/query-keys";

/** Keys and values in use, for autocomplete. Loaded when a filter or editor first needs it. */
export function useKnownLabels(enabled = true) {
  return useQuery({
    queryKey: queryKeys.labels.known(),
    queryFn: ({ signal }) => apiFetch("/api/labels/known", knownLabelsResponse, { signal }),
    staleTime: 30_000,
    enabled,
  });
}
