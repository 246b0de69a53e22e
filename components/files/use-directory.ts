"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { listDirResponse } from "@/lib/api/schemas/console";
import { queryKeys } from "@/lib/query-keys";
import { fileRoutes } from "./api-paths";

export function useDirectory(sessionId: string, path: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.console.dir(sessionId, path),
    queryFn: ({ signal }) => apiFetch(fileRoutes.list(sessionId, path), listDirResponse, { signal }),
    enabled,
  });
}
