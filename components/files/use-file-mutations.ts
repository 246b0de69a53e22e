"use client";
// The small file operations of the browser. Each refreshes the listings it touched.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, jsonBody } from "@/lib/api/client";
import { z } from "@/lib/api/zod";
import { requestIdResponse } from "@/lib/api/schemas/common";
import { queryKeys } from "@/lib/query-keys";
import { toastError } from "@/components/ui/notify";
import { fileRoutes } from "./api-paths";

const uploadResponse = z.object({ written: z.array(z.string()), requestId: z.string() });

function useRefreshDirs(sessionId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.console.dirs(sessionId) });
    void qc.invalidateQueries({ queryKey: queryKeys.console.searches(sessionId) });
  };
}

export function useMakeDirectory(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  return useMutation({
    mutationFn: (path: string) => apiFetch(fileRoutes.mkdir(sessionId), requestIdResponse, { method: "POST", body: jsonBody({ path }) }),
    onSuccess: refresh,
    onError: (e) => toastError("Could not create the folder", e),
  });
}

export function useCreateFile(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  return useMutation({
    mutationFn: (path: string) =>
      apiFetch(fileRoutes.write(sessionId), requestIdResponse, { method: "PUT", body: jsonBody({ path, content: "", mode: "create_new" }) }),
    onSuccess: refresh,
    onError: (e) => toastError("Could not create the file", e),
  });
}

export function useMovePath(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { source: string; destination: string }) => apiFetch(fileRoutes.move(sessionId), requestIdResponse, { method: "POST", body: jsonBody(v) }),
    onSuccess: () => {
      refresh();
      void qc.removeQueries({ queryKey: queryKeys.console.files(sessionId) });
    },
    onError: (e) => toastError("Could not move", e),
  });
}

export function useDeletePath(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  return useMutation({
    mutationFn: (v: { path: string; isDirectory: boolean }) =>
      apiFetch(fileRoutes.remove(sessionId, v.path, v.isDirectory), requestIdResponse, { method: "DELETE" }),
    // Refresh on failure too: a partly emptied folder has changed.
    onSettled: refresh,
    onError: (e) => toastError("Could not delete", e),
  });
}

export function useUploadFiles(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  return useMutation({
    mutationFn: (v: { dir: string; files: File[] }) => {
      const form = new FormData();
      for (const f of v.files) form.append("files", f, f.name);
      return apiFetch(fileRoutes.upload(sessionId, v.dir), uploadResponse, { method: "POST", body: form });
    },
    onSuccess: refresh,
    onError: (e) => toastError("Upload failed", e),
  });
}
