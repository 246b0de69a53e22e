"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { CreateSessionBody } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";

export function useCreateSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionBody) => callApi(endpoints.createSession, { body }),
    onSuccess: (s) => {
      qc.setQueryData(queryKeys.sessions.detail(s.sessionId), s);
      void qc.invalidateQueries({ queryKey: queryKeys.sessions.lists() });
      void qc.invalidateQueries({ queryKey: queryKeys.labels.known() });
    },
  });
}
