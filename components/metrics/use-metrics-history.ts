"use client";
// Metrics over time: the backend's history when it keeps one (the embedded runtime samples every
// 5 s), else the page's own samples of get_metrics, taken while the Metrics tab is open.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { MetricsHistory } from "@/lib/api/schemas/terminal";
import { queryKeys } from "@/lib/query-keys";
import type { Metrics } from "@/lib/api/schemas/console";

export type Sample = MetricsHistory["samples"][number];
const KEEP_MS = 3600_000;

export function useMetricsHistory(sessionId: string, latest: Metrics | undefined) {
  const q = useQuery({
    queryKey: queryKeys.console.metricsHistory(sessionId),
    queryFn: ({ signal }) => callApi(endpoints.metricsHistory, { id: sessionId, signal }),
    refetchInterval: (query) => (query.state.data?.supported === false ? false : 5_000),
    refetchIntervalInBackground: false,
  });
  const [local, setLocal] = useState<Sample[]>([]);
  const fallback = q.data?.supported === false;
  useEffect(() => {
    if (!fallback || !latest) return;
    const t = Date.parse(latest.timestamp) || Date.now();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- appending each polled sample is the point
    setLocal((old) => {
      if (old.length && old[old.length - 1].t >= t) return old;
      return [
        ...old.filter((s) => s.t > t - KEEP_MS),
        { t, cpuPct: latest.cpuUsedPct, memUsed: latest.memUsed, diskUsed: latest.diskUsed, procs: 0 },
      ];
    });
  }, [fallback, latest]);
  if (!q.data) return { data: undefined, error: q.error, source: "backend" as const };
  if (!fallback) return { data: q.data, error: q.error, source: "backend" as const };
  return {
    data: {
      ...q.data,
      limits: { memBytes: latest?.memTotal ?? 0, diskBytes: latest?.diskTotal ?? 0, cpuCount: latest?.cpuCount ?? 0 },
      samples: local,
    },
    error: null,
    source: "page" as const,
  };
}
