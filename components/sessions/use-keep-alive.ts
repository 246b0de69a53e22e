"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";
import { invalidateSessionLists } from "@/components/sessions/list-cache";
import type { SessionDetail } from "@/lib/api/schemas/sessions";

export function useKeepAlive(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => callApi(endpoints.keepAlive, { id }),
    onSuccess: (r) => {
      qc.setQueryData<SessionDetail>(queryKeys.sessions.detail(id), (s) =>
        s ? { ...s, idleReleaseAt: r.idleReleaseAt } : s,
      );
      invalidateSessionLists();
    },
  });
}
