"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { z } from "@/lib/api/zod";
import { queryKeys } from "@/lib/query-keys";
import { fileRoutes } from "./api-paths";

const searchResponse = z.object({ matches: z.array(z.string()), requestId: z.string() });

export function useSearchFiles(sessionId: string, root: string, pattern: string) {
  const p = pattern.trim();
  return useQuery({
    queryKey: queryKeys.console.search(sessionId, root, p),
    queryFn: ({ signal }) => apiFetch(fileRoutes.search(sessionId, root, p), searchResponse, { signal }),
    enabled: p.length > 0,
    staleTime: 10_000,
  });
}
