"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { AuditPage } from "@/lib/api/schemas/audit";
import { queryKeys } from "@/lib/query-keys";
import type { AuditFilters } from "./filters";

const flat = (pages: AuditPage[] | undefined) => pages?.flatMap((p) => p.entries) ?? [];

/** The Audit page's entries under `filters`, newest first; `fetchNextPage` loads the next (older) page. */
export function useAuditLog(filters: AuditFilters) {
  const q = useInfiniteQuery({
    queryKey: queryKeys.audit.list(filters),
    queryFn: ({ pageParam, signal }) =>
      callApi(endpoints.auditLog, { query: { ...filters, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...q, entries: flat(q.data?.pages) };
}

/** One session's own history (what was done in it, by whom), refreshed while the page is open. */
export function useSessionAudit(sessionId: string) {
  const q = useInfiniteQuery({
    queryKey: queryKeys.audit.session(sessionId),
    queryFn: ({ pageParam, signal }) =>
      callApi(endpoints.sessionAudit, { id: sessionId, query: { cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
  return { ...q, entries: flat(q.data?.pages) };
}
