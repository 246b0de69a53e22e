"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { CreateSessionBody } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";
import { invalidateSessionLists } from "@/components/sessions/list-cache";
import { invalidateKnownLabels } from "@/components/labels/use-known-labels";

export function useCreateSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSessionBody) => callApi(endpoints.createSession, { body }),
    onSuccess: (s) => {
      qc.setQueryData(queryKeys.sessions.detail(s.sessionId), s);
      invalidateSessionLists();
      invalidateKnownLabels();
    },
  });
}
