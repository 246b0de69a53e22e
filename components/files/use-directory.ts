"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export function useDirectory(sessionId: string, path: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.console.dir(sessionId, path),
    queryFn: ({ signal }) => callApi(endpoints.listDir, { id: sessionId, query: { path }, signal }),
    enabled,
  });
}
