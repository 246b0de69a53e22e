"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { Labels } from "@/lib/api/schemas/labels";
import type { SessionDetail } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";
import { invalidateSessionLists } from "@/components/sessions/list-cache";
import { invalidateKnownLabels } from "@/components/labels/use-known-labels";

/** Replaces a session's whole label set in one PUT: either all of it is saved or none. */
export function useSaveLabels(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (labels: Labels) => callApi(endpoints.replaceLabels, { id, body: { labels } }),
    onSuccess: (r) => {
      qc.setQueryData<SessionDetail>(queryKeys.sessions.detail(id), (s) => (s ? { ...s, labels: r.labels } : s));
      invalidateSessionLists();
      invalidateKnownLabels();
    },
  });
}
