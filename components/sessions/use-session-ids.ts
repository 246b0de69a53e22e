"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys, type LabelPair } from "@/lib/query-keys";
import { formatLabelPair } from "@/lib/protocol/labels";

/** Every id matching a filter, fetched on demand for "select all N matching". */
export function useFetchSessionIds() {
  const qc = useQueryClient();
  return useCallback(
    (labels: LabelPair[]) =>
      qc.fetchQuery({
        queryKey: queryKeys.sessions.ids(labels),
        queryFn: ({ signal }) =>
          callApi(endpoints.sessionIds, { query: { label: labels.map(formatLabelPair) }, signal }),
        staleTime: 0,
      }),
    [qc],
  );
}
