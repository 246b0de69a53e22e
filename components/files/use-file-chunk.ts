"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { readFileResponse } from "@/lib/api/schemas/console";
import { queryKeys } from "@/lib/query-keys";
import { fileRoutes } from "./api-paths";

/** Files up to this size open editable in one piece; larger ones open read-only, chunk by chunk. */
export const EDITABLE_LIMIT = 512 * 1024;
export const CHUNK_BYTES = 256 * 1024;

export function useFileChunk(sessionId: string, path: string, offset: number, length: number) {
  return useQuery({
    queryKey: queryKeys.console.fileChunk(sessionId, path, offset, length),
    queryFn: ({ signal }) => apiFetch(fileRoutes.content(sessionId, path, offset, length), readFileResponse, { signal }),
    // The editor owns the text once loaded: a background refetch must not replace unsaved edits.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // Forgotten as soon as the viewer closes, so reopening a file always shows what is on disk.
    gcTime: 0,
  });
}
