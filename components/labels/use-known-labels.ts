"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

/** Keys and values in use, for autocomplete. Loaded when a filter or editor first needs it. */
export function useKnownLabels(enabled = true) {
  return useQuery({
    queryKey: queryKeys.labels.known(),
    queryFn: ({ signal }) => callApi(endpoints.knownLabels, { signal }),
    staleTime: 30_000,
    enabled,
  });
}
