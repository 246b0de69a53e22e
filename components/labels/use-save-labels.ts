"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, jsonBody } from "@/lib/api/client";
import { z } from "@/lib/api/zod";
import type { Labels } from "@/lib/api/schemas/labels";
import type { SessionDetail } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";
import { sessionPath } from "@/components/sessions/api-paths";

const labelsResponse = z.object({ labels: z.record(z.string(), z.string()), requestId: z.optional(z.string()) });

/** Replaces a session's whole label set in one PUT: either all of it is saved or none. */
export function useSaveLabels(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (labels: Labels) => apiFetch(`${sessionPath(id)}/labels`, labelsResponse, { method: "PUT", body: jsonBody({ labels }) }),
    onSuccess: (r) => {
      qc.setQueryData<SessionDetail>(queryKeys.sessions.detail(id), (s) => (s ? { ...s, labels: r.labels } : s));
      void qc.invalidateQueries({ queryKey: queryKeys.sessions.lists() });
      void qc.invalidateQueries({ queryKey: queryKeys.labels.known() });
    },
  });
}
