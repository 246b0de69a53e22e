"use client";
import { useMutation } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";

export interface RunCommandVars {
  command: string;
  cwd?: string;
  envs: Record<string, string>;
  timeoutMs: number;
}

export function useRunCommand(sessionId: string) {
  return useMutation({
    mutationFn: (v: RunCommandVars) => callApi(endpoints.runCommand, { id: sessionId, body: v }),
  });
}
