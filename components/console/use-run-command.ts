"use client";
import { useMutation } from "@tanstack/react-query";
import { apiFetch, jsonBody } from "@/lib/api/client";
import { commandResult } from "@/lib/api/schemas/console";

export interface RunCommandVars {
  command: string;
  cwd?: string;
  envs: Record<string, string>;
  timeoutMs: number;
}

export function useRunCommand(sessionId: string) {
  return useMutation({
    mutationFn: (v: RunCommandVars) =>
      apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}/command`, commandResult, { method: "POST", body: jsonBody(v) }),
  });
}
