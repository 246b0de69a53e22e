"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { z } from "@/lib/api/zod";
import { queryKeys } from "@/lib/query-keys";
import type { SessionDetail } from "@/lib/api/schemas/sessions";
import { sessionPath } from "./api-paths";

const keepAliveResponse = z.object({ requestId: z.string(), idleReleaseAt: z.nullable(z.string()) });

export function useKeepAlive(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch(`${sessionPath(id)}/keep-alive`, keepAliveResponse, { method: "POST" }),
    onSuccess: (r) => {
      qc.setQueryData<SessionDetail>(queryKeys.sessions.detail(id), (s) => (s ? { ...s, idleReleaseAt: r.idleReleaseAt } : s));
      void qc.invalidateQueries({ queryKey: queryKeys.sessions.lists() });
    },
  });
}
