"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { z } from "@/lib/api/zod";
import { queryKeys } from "@/lib/query-keys";
import { sessionPath } from "./api-paths";

const deleted = z.object({ requestId: z.optional(z.string()) });

export function useDeleteSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(sessionPath(id), deleted, { method: "DELETE" }),
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: queryKeys.sessions.detail(id) });
      void qc.invalidateQueries({ queryKey: queryKeys.sessions.lists() });
    },
  });
}
