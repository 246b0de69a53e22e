"use client";
import { useQuery } from "@tanstack/react-query";
import { ApiError, callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export function useSession(id: string) {
  return useQuery({
    queryKey: queryKeys.sessions.detail(id),
    queryFn: ({ signal }) => callApi(endpoints.session, { id, signal }),
    // Notices a release by the idle reaper; stops once the session is gone.
    refetchInterval: (q) => (q.state.error instanceof ApiError && q.state.error.status === 404 ? false : 15_000),
  });
}
