"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { consoleCapabilities } from "@/lib/api/schemas/console";

/** What the session's backend lets the console do; it does not change while the session lives. */
export function useConsoleCapabilities(sessionId: string) {
  return useQuery({
    queryKey: ["console-capabilities", sessionId],
    queryFn: ({ signal }) => apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}/console`, consoleCapabilities, { signal }),
    staleTime: Infinity,
    retry: 1,
  });
}
