"use client";
import { useCallback } from "react";
import { callApi } from "@/lib/api/client";
import { readWithRetries } from "@/lib/api/failure-policy";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { LabelPair } from "@/lib/query-keys";
import { formatLabelPair } from "@/lib/protocol/labels";

/** Every id matching a filter, fetched on demand for "select all N matching" (always afresh). */
export function useFetchSessionIds() {
  return useCallback(
    (labels: LabelPair[]) =>
      readWithRetries(() => callApi(endpoints.sessionIds, { query: { label: labels.map(formatLabelPair) } })),
    [],
  );
}
