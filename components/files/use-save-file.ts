"use client";
// Conflict-free save: before writing, read the file again and compare it with what the editor
// loaded (size, modTime and the text itself). If someone else changed it, the save stops with a
// FileConflictError and the editor asks whether to overwrite.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi, isNotFound } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";
import { EDITABLE_LIMIT } from "./use-file-chunk";
import { parentPath } from "./paths";

export interface FileBaseline {
  size: number;
  modTime: string | null;
  content: string;
}

export class FileConflictError extends Error {
  constructor(readonly reason: "changed" | "deleted") {
    super(
      reason === "deleted"
        ? "The file was deleted since you opened it"
        : "The file changed on disk since you opened it",
    );
    this.name = "FileConflictError";
  }
}

export function useSaveFile(sessionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { path: string; content: string; baseline: FileBaseline | null; force?: boolean }) => {
      if (v.baseline && !v.force) {
        try {
          const now = await callApi(endpoints.readFile, {
            id: sessionId,
            query: { path: v.path, offset: 0, length: EDITABLE_LIMIT },
          });
          if (now.size !== v.baseline.size || now.modTime !== v.baseline.modTime || now.content !== v.baseline.content)
            throw new FileConflictError("changed");
        } catch (e) {
          if (isNotFound(e)) throw new FileConflictError("deleted");
          throw e;
        }
      }
      await callApi(endpoints.writeFile, {
        id: sessionId,
        body: { path: v.path, content: v.content, mode: "overwrite" },
      });
      // The new baseline: what is on disk now, as the server reports it.
      const after = await callApi(endpoints.readFile, {
        id: sessionId,
        query: { path: v.path, offset: 0, length: EDITABLE_LIMIT },
      });
      return { size: after.size, modTime: after.modTime, content: after.content } satisfies FileBaseline;
    },
    onSuccess: (_b, v) => {
      void qc.invalidateQueries({ queryKey: queryKeys.console.dir(sessionId, parentPath(v.path)) });
    },
  });
}
