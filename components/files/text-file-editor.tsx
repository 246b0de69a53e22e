"use client";
import { useEffect, useState } from "react";
import { Loader2, Save } from "lucide-react";
import { toast } from "sonner";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { LazyCodeEditor } from "@/components/console/lazy-code-editor";
import { languageForFile } from "@/components/console/editor-languages";
import { toastError } from "@/components/ui/notify";
import type { ReadFileResponse } from "@/lib/api/schemas/console";
import { FileConflictError, useSaveFile, type FileBaseline } from "./use-save-file";
import { useFileChunk, EDITABLE_LIMIT } from "./use-file-chunk";

export function TextFileEditor({
  sessionId,
  path,
  initial,
  closeButton,
  download,
  onDirtyChange,
}: {
  sessionId: string;
  path: string;
  initial: ReadFileResponse;
  closeButton: React.ReactNode;
  download: React.ReactNode;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [baseline, setBaseline] = useState<FileBaseline>({
    size: initial.size,
    modTime: initial.modTime,
    content: initial.content,
  });
  const [text, setText] = useState(initial.content);
  const [conflict, setConflict] = useState<FileConflictError | null>(null);
  const save = useSaveFile(sessionId);
  // A viewer reads the file in the same editor, read-only and without Save.
  const canWrite = useCan("operator");
  const disk = useFileChunk(sessionId, path, 0, EDITABLE_LIMIT);
  const dirty = text !== baseline.content;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const doSave = (force = false) => {
    if (save.isPending) return;
    save.mutate(
      { path, content: text, baseline, force },
      {
        onSuccess: (next) => {
          setBaseline(next);
          // What was saved may differ from `text` only if the server changed it; keep the user's text.
          setConflict(null);
          toast.success(`Saved ${path}`);
        },
        onError: (e) => {
          if (e instanceof FileConflictError) setConflict(e);
          else toastError(`Could not save ${path}`, e);
        },
      },
    );
  };
  const reload = async () => {
    const fresh = await disk.refetch();
    if (fresh.data) {
      setBaseline({ size: fresh.data.size, modTime: fresh.data.modTime, content: fresh.data.content });
      setText(fresh.data.content);
    } else if (fresh.error) toastError(`Could not reload ${path}`, fresh.error);
    setConflict(null);
  };

  return (
    <div
      className="flex min-w-0 flex-col gap-2"
      data-testid="file-viewer"
      data-mode={canWrite ? "edit" : "read"}
      data-dirty={dirty}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="flex min-w-0 flex-1 items-center gap-1.5 font-mono text-sm font-medium" title={path}>
          <span className="truncate">{path}</span>
          {dirty ? (
            <span
              className="shrink-0 text-warning"
              aria-label="Unsaved changes"
              title="Unsaved changes"
              data-testid="dirty-marker"
            >
              ●
            </span>
          ) : null}
        </h3>
        {canWrite ? (
          <Button size="sm" onClick={() => doSave()} disabled={!dirty || save.isPending} title="Save (Ctrl+S)">
            {save.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Save aria-hidden />} Save
          </Button>
        ) : null}
        {download}
        {closeButton}
      </div>
      <LazyCodeEditor
        value={text}
        onChange={setText}
        onSave={() => canWrite && doSave()}
        readOnly={!canWrite}
        language={languageForFile(path)}
        ariaLabel={`Contents of ${path}`}
        minHeight="16rem"
        maxHeight="60vh"
      />
      <Dialog open={conflict !== null} onOpenChange={(o) => !o && setConflict(null)}>
        <DialogContent role="alertdialog">
          <DialogHeader>
            <DialogTitle>
              {conflict?.reason === "deleted" ? "The file was deleted" : "The file changed on disk"}
            </DialogTitle>
            <DialogDescription>
              {conflict?.reason === "deleted"
                ? `${path} no longer exists. Save your text as a new file there, or cancel.`
                : `Someone or something changed ${path} after you opened it. Overwrite it with your version, or reload the version on disk (your edits are lost).`}
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConflict(null)}>
              Cancel
            </Button>
            {conflict?.reason === "changed" ? (
              <Button variant="secondary" onClick={reload}>
                Reload from disk
              </Button>
            ) : null}
            <Button variant="destructive" onClick={() => doSave(true)} disabled={save.isPending}>
              {conflict?.reason === "deleted" ? "Save anyway" : "Overwrite"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
