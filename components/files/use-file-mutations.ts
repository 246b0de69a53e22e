"use client";
// The small file operations of the browser. Each refreshes the listings it touched.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";
import { toastError } from "@/components/ui/notify";

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
    mutationFn: (path: string) => callApi(endpoints.makeDirectory, { id: sessionId, body: { path } }),
    onSuccess: refresh,
    onError: (e) => toastError("Could not create the folder", e),
  });
}

export function useCreateFile(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  return useMutation({
    mutationFn: (path: string) =>
      callApi(endpoints.writeFile, { id: sessionId, body: { path, content: "", mode: "create_new" } }),
    onSuccess: refresh,
    onError: (e) => toastError("Could not create the file", e),
  });
}

export function useMovePath(sessionId: string) {
  const refresh = useRefreshDirs(sessionId);
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { source: string; destination: string }) => callApi(endpoints.move, { id: sessionId, body: v }),
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
      callApi(endpoints.deletePath, { id: sessionId, query: { path: v.path, recursive: v.isDirectory ? "1" : "0" } }),
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
      return callApi(endpoints.upload, { id: sessionId, query: { dir: v.dir }, body: form });
    },
    onSuccess: refresh,
    onError: (e) => toastError("Upload failed", e),
  });
}
