"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export function useImages(enabled = true) {
  return useQuery({
    queryKey: queryKeys.images(),
    queryFn: ({ signal }) => callApi(endpoints.images, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}
