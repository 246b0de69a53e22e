"use client";
import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";

/** What the session's backend lets the console do; it does not change while the session lives. */
export function useConsoleCapabilities(sessionId: string) {
  return useQuery({
    queryKey: ["console-capabilities", sessionId],
    queryFn: ({ signal }) => callApi(endpoints.consoleCapabilities, { id: sessionId, signal }),
    staleTime: Infinity,
    retry: 1,
  });
}
