"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export const METRICS_INTERVAL_MS = 3_000;

/** Polls while a component shows the metrics and the tab is in the foreground (TanStack pauses in background). */
export function useMetrics(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.console.metrics(sessionId),
    queryFn: ({ signal }) => callApi(endpoints.metrics, { id: sessionId, signal }),
    refetchInterval: METRICS_INTERVAL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
