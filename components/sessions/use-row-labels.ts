"use client";
// Fills in the labels of rows whose list item carried none. Rows are asked for in fixed groups of
// the page (stable query keys while polls come back), groups in parallel, so labels appear as
// each group answers. Once the server's cache knows them, the list answers carry them itself.
import * as React from "react";
import { useQueries } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { SessionRow } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";

const GROUP = 10;

export type ListRow = SessionRow & { labelsFailed?: boolean };

export function useRowLabels(rows: SessionRow[]): ListRow[] {
  const groups = React.useMemo(() => {
    const out: { ids: string[]; needed: boolean }[] = [];
    for (let i = 0; i < rows.length; i += GROUP) {
      const slice = rows.slice(i, i + GROUP);
      out.push({ ids: slice.map((r) => r.sessionId), needed: slice.some((r) => r.labels === null) });
    }
    return out;
  }, [rows]);
  const results = useQueries({
    queries: groups.map((g) => ({
      queryKey: queryKeys.sessions.labels(g.ids),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        callApi(endpoints.sessionLabels, { query: { id: g.ids }, signal }),
      enabled: g.needed,
      // Fresher labels arrive with each list poll; this only fills the first gaps.
      staleTime: Infinity,
    })),
  });
  // One string that changes when any group's answer does: rows keep their identity otherwise, so
  // memoised rows do not re-render on every poll.
  const signature = results.map((q) => `${q.dataUpdatedAt}:${q.status}`).join(",");
  return React.useMemo(
    () =>
      rows.map((r, i) => {
        if (r.labels) return r;
        const q = results[Math.floor(i / GROUP)];
        const got = q?.data;
        if (got) return { ...r, labels: got.labels[r.sessionId] ?? {} };
        return q?.isError ? { ...r, labelsFailed: true } : r;
      }),
    // `results` is a new array on every render; `signature` stands for its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, signature],
  );
}
