"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";
import { invalidateSessionLists } from "@/components/sessions/list-cache";

export function useDeleteSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.deleteSession, { id }),
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: queryKeys.sessions.detail(id) });
      invalidateSessionLists();
    },
  });
}
