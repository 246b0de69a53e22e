"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export function useSearchFiles(sessionId: string, root: string, pattern: string) {
  const p = pattern.trim();
  return useQuery({
    queryKey: queryKeys.console.search(sessionId, root, p),
    queryFn: ({ signal }) => callApi(endpoints.search, { id: sessionId, query: { path: root, pattern: p }, signal }),
    enabled: p.length > 0,
    staleTime: 10_000,
  });
}
