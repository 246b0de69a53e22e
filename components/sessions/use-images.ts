"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { imagesResponse } from "@/lib/api/schemas/sessions";
import { queryKeys } from "@/lib/query-keys";

export function useImages(enabled = true) {
  return useQuery({
    queryKey: queryKeys.images(),
    queryFn: ({ signal }) => apiFetch("/api/images", imagesResponse, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}
