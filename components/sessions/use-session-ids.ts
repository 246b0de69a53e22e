"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch } from "@/lib/api/client";
import { sessionIdsResponse } from "@/lib/api/schemas/sessions";
import { queryKeys, type LabelPair } from "@/lib/query-keys";
import { labelParams } from "./api-paths";

/** Every id matching a filter, fetched on demand for "select all N matching". */
export function useFetchSessionIds() {
  const qc = useQueryClient();
  return useCallback(
    (labels: LabelPair[]) =>
      qc.fetchQuery({
        queryKey: queryKeys.sessions.ids(labels),
        queryFn: ({ signal }) => apiFetch(`/api/sessions/ids?${labelParams(labels)}`, sessionIdsResponse, { signal }),
        staleTime: 0,
      }),
    [qc],
  );
}
