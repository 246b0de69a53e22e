"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { metricsResponse } from "@/lib/api/schemas/console";
import { queryKeys } from "@/lib/query-keys";

export const METRICS_INTERVAL_MS = 3_000;

/** Polls while a component shows the metrics and the tab is in the foreground (TanStack pauses in background). */
export function useMetrics(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.console.metrics(sessionId),
    queryFn: ({ signal }) => apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}/metrics`, metricsResponse, { signal }),
    refetchInterval: METRICS_INTERVAL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
