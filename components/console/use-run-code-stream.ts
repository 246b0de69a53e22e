"use client";
import { useMutation } from "@tanstack/react-query";
import type { CodeStreamEvent, Language } from "@/lib/api/schemas/console";
import { streamCode } from "./code-stream";

export interface RunCodeStreamVars {
  language: Language;
  code: string;
  timeoutS: number;
  onEvent: (ev: CodeStreamEvent) => void;
  signal: AbortSignal;
}

/** Streams one run; events go to `onEvent` as they arrive, the promise settles with the `end` event. */
export function useRunCodeStream(sessionId: string) {
  return useMutation({
    mutationFn: (v: RunCodeStreamVars) => streamCode({ sessionId, language: v.language, code: v.code, timeoutS: v.timeoutS }, v.onEvent, v.signal),
  });
}
