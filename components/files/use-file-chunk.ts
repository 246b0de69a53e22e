"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

/** Files up to this size open editable in one piece; larger ones open read-only, chunk by chunk. */
export const EDITABLE_LIMIT = 512 * 1024;
export const CHUNK_BYTES = 256 * 1024;

export function useFileChunk(sessionId: string, path: string, offset: number, length: number) {
  return useQuery({
    queryKey: queryKeys.console.fileChunk(sessionId, path, offset, length),
    queryFn: ({ signal }) => callApi(endpoints.readFile, { id: sessionId, query: { path, offset, length }, signal }),
    // The editor owns the text once loaded: a background refetch must not replace unsaved edits.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // Forgotten as soon as the viewer closes, so reopening a file always shows what is on disk.
    gcTime: 0,
  });
}
