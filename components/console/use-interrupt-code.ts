"use client";
import { useMutation } from "@tanstack/react-query";
import { ApiError, callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { Language } from "@/lib/api/schemas/console";
import { toastError } from "@/components/ui/notify";

/** The Stop button: asks the kernel to interrupt the current run (it keeps its state). */
export function useInterruptCode(sessionId: string) {
  return useMutation({
    mutationFn: (language: Language) => callApi(endpoints.interruptCode, { id: sessionId, body: { language } }),
    // One retry when the dashboard could not reach AGB: a Stop that silently fails leaves the kernel busy.
    retry: (count, e) => count < 1 && e instanceof ApiError && (e.status === 0 || e.status >= 502),
    onError: (e) => toastError("Could not stop the run", e),
  });
}
