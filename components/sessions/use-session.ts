"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/lib/api/client";
import { sessionDetail } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";
import { sessionPath } from "./api-paths";

export function useSession(id: string) {
  return useQuery({
    queryKey: queryKeys.sessions.detail(id),
    queryFn: ({ signal }) => apiFetch(sessionPath(id), sessionDetail, { signal }),
    // Notices a release by the idle reaper; stops once the session is gone.
    refetchInterval: (q) => (q.state.error instanceof ApiError && q.state.error.status === 404 ? false : 15_000),
  });
}
