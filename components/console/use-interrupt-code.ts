"use client";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, jsonBody } from "@/lib/api/client";
import { z } from "@/lib/api/zod";
import type { Language } from "@/lib/api/schemas/console";
import { toastError } from "./notify";

const interruptResponse = z.object({ requestId: z.string() });

/** The Stop button: asks the kernel to interrupt the current run (it keeps its state). */
export function useInterruptCode(sessionId: string) {
  return useMutation({
    mutationFn: (language: Language) =>
      apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}/code/interrupt`, interruptResponse, { method: "POST", body: jsonBody({ language }) }),
    onError: (e) => toastError("Could not stop the run", e),
  });
}
