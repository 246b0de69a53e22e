"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi, isNotFound } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export function useSession(id: string) {
  return useQuery({
    queryKey: queryKeys.sessions.detail(id),
    queryFn: ({ signal }) => callApi(endpoints.session, { id, signal }),
    // Notices a release by the idle reaper; stops once the session is gone.
    refetchInterval: (q) => (isNotFound(q.state.error) ? false : 15_000),
  });
}
