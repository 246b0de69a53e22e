"use client";
// Fills in the labels of rows whose list item carried none. Rows are asked for in fixed groups of
// the page (stable keys while polls come back), groups in parallel, so labels appear as each group
// answers. Once the server's cache knows them, the list answers carry them itself.
import * as React from "react";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { SessionRow } from "@/lib/api/schemas/sessions";
import { rowLabelsCache } from "./list-cache";

const GROUP = 10;

export type ListRow = SessionRow & { labelsFailed?: boolean };

export function useRowLabels(rows: SessionRow[]): ListRow[] {
  const groups = React.useMemo(() => {
    const out: { key: string; ids: string[]; needed: boolean }[] = [];
    for (let i = 0; i < rows.length; i += GROUP) {
      const slice = rows.slice(i, i + GROUP);
      const ids = slice.map((r) => r.sessionId);
      out.push({ key: ids.join("\n"), ids, needed: slice.some((r) => r.labels === null) });
    }
    return out;
  }, [rows]);
  // Any answer (or failure) of any group: rows keep their identity otherwise, so memoised rows do
  // not re-render on every poll.
  const version = React.useSyncExternalStore(
    rowLabelsCache.subscribe,
    () => rowLabelsCache.version,
    () => 0,
  );
  React.useEffect(() => {
    for (const g of groups)
      // Fetched once per group (fresher labels arrive with each list poll), again after a bulk edit.
      if (g.needed && rowLabelsCache.isStale(g.key) && !rowLabelsCache.get(g.key)?.error)
        rowLabelsCache.fetch(g.key, () => callApi(endpoints.sessionLabels, { query: { id: g.ids } })).catch(() => {});
  }, [groups, version]);
  return React.useMemo(
    () =>
      rows.map((r, i) => {
        if (r.labels) return r;
        const e = rowLabelsCache.get(groups[Math.floor(i / GROUP)]?.key ?? "");
        if (e?.data) return { ...r, labels: e.data.labels[r.sessionId] ?? {} };
        return e?.error !== undefined ? { ...r, labelsFailed: true } : r;
      }),
    // `version` stands for the cache's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, groups, version],
  );
}
