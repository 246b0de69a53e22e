"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { FilePlus, FolderPlus, Loader2, RefreshCw, Search, Upload } from "lucide-react";
import { toast } from "sonner";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { FileEntry } from "@/lib/api/schemas/console";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { toastError } from "@/components/ui/notify";
import { useToasterReady } from "@/components/ui/toaster";
import { FileBreadcrumb } from "./file-breadcrumb";
import { FileLimitsNote } from "./file-limits-note";
import { FileSearchResults } from "./file-search-results";
import { FileTree } from "./file-tree";
import { FileViewer } from "./file-viewer";
import { NameDialog } from "./name-dialog";
import { FILE_ROOTS, baseName, isInside, joinPath, nameProblem, parentPath, pathProblem, type FileRoot } from "./paths";
import { UploadDropZone } from "./upload-drop-zone";
import { useDirectory } from "./use-directory";
import { useCreateFile, useDeletePath, useMakeDirectory, useMovePath, useUploadFiles } from "./use-file-mutations";

type Dialog =
  | { kind: "new-file" }
  | { kind: "new-folder" }
  | { kind: "move"; entry: FileEntry }
  | { kind: "delete"; entry: FileEntry }
  | { kind: "discard"; then: () => void }
  | null;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function FileBrowser({ sessionId }: { sessionId: string }) {
  // This tab and its editor call sonner's toast directly: its Toaster must be mounted.
  useToasterReady();
  const qc = useQueryClient();
  const [root, setRoot] = useState<FileRoot>(FILE_ROOTS[0]);
  const [dir, setDir] = useState<string>(FILE_ROOTS[0].path);
  const [openPath, setOpenPath] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [query, setQuery] = useState("");
  const pattern = useDebounced(query, 300);
  const [dialog, setDialog] = useState<Dialog>(null);
  const uploadInput = useRef<HTMLInputElement>(null);
  // A viewer browses, reads and downloads; creating, uploading, moving and deleting are hidden.
  const canWrite = useCan("operator");

  const mkdir = useMakeDirectory(sessionId);
  const create = useCreateFile(sessionId);
  const move = useMovePath(sessionId);
  const remove = useDeletePath(sessionId);
  const upload = useUploadFiles(sessionId);
  // The open folder's listing (shared with the tree) says what the backend can do with files.
  const features = useDirectory(sessionId, dir).data?.features;

  /** Runs `action` now, or after the user agrees to drop unsaved edits. */
  const guard = useCallback(
    (action: () => void) => (dirty ? setDialog({ kind: "discard", then: action }) : action()),
    [dirty],
  );
  const openFile = (path: string) =>
    guard(() => {
      setDirty(false);
      setOpenPath(path);
    });
  const switchRoot = (r: FileRoot) => {
    setRoot(r);
    setDir(r.path);
    setQuery("");
  };
  const pickMatch = async (path: string) => {
    setQuery("");
    const parent = parentPath(path);
    setDir(parent);
    try {
      const listing = await qc.fetchQuery({
        queryKey: queryKeys.console.dir(sessionId, parent),
        queryFn: () => callApi(endpoints.listDir, { id: sessionId, query: { path: parent } }),
      });
      const entry = listing.entries.find((e) => e.path === path || e.name === baseName(path));
      if (entry?.isDirectory) setDir(path);
      else openFile(path);
    } catch (e) {
      toastError(`Cannot open ${parent}`, e);
    }
  };
  const doUpload = (files: File[]) =>
    upload.mutate(
      { dir, files },
      {
        onSuccess: (r) =>
          toast.success(
            r.written.length === 1
              ? `Uploaded ${baseName(r.written[0])}`
              : `Uploaded ${r.written.length} files to ${dir}`,
          ),
      },
    );

  const searching = pattern.trim().length > 0 && query.trim().length > 0;

  return (
    <div className={cn("grid min-w-0 gap-4", openPath && "lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]")}>
      <div className="flex min-w-0 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <div role="radiogroup" aria-label="Folder root" className="inline-flex rounded-lg bg-muted p-1">
            {FILE_ROOTS.map((r) => (
              <button
                key={r.id}
                type="button"
                role="radio"
                aria-checked={root.id === r.id}
                onClick={() => switchRoot(r)}
                className={cn(
                  "cursor-pointer rounded-md px-3 py-1 font-mono text-xs font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                  root.id === r.id ? "bg-background text-foreground shadow-sm" : "text-muted-foreground",
                )}
              >
                {r.label}
              </button>
            ))}
          </div>
          <div className="relative min-w-40 flex-1">
            <Search
              className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden
            />
            <Input
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={`Search names in ${root.path}`}
              aria-label="Search files by name"
              className="h-8 pl-8"
              type="search"
            />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-1">
          <div className="min-w-0 flex-1">
            <FileBreadcrumb path={dir} root={root.path} onNavigate={setDir} />
          </div>
          {canWrite ? (
            <>
              <Button
                size="icon-sm"
                variant="ghost"
                aria-label="New file"
                title="New file"
                onClick={() => setDialog({ kind: "new-file" })}
              >
                <FilePlus aria-hidden />
              </Button>
              <Button
                size="icon-sm"
                variant="ghost"
                aria-label="New folder"
                title="New folder"
                onClick={() => setDialog({ kind: "new-folder" })}
              >
                <FolderPlus aria-hidden />
              </Button>
              <Button
                size="icon-sm"
                variant="ghost"
                aria-label="Upload files"
                title="Upload files (or drop them on the list)"
                onClick={() => uploadInput.current?.click()}
                disabled={upload.isPending}
              >
                {upload.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
              </Button>
            </>
          ) : null}
          <Button
            size="icon-sm"
            variant="ghost"
            aria-label="Refresh"
            title="Refresh"
            onClick={() => void qc.invalidateQueries({ queryKey: queryKeys.console.dirs(sessionId) })}
          >
            <RefreshCw aria-hidden />
          </Button>
        </div>
        {features ? <FileLimitsNote features={features} /> : null}
        <UploadDropZone
          dir={dir}
          onFiles={doUpload}
          inputRef={uploadInput}
          disabled={!canWrite}
          className="max-h-[36rem] min-h-48 overflow-y-auto rounded-lg border border-border p-1"
        >
          {searching ? (
            <FileSearchResults sessionId={sessionId} root={root.path} pattern={pattern} onPick={pickMatch} />
          ) : (
            <FileTree
              key={dir}
              sessionId={sessionId}
              path={dir}
              selected={openPath}
              onNavigate={setDir}
              onOpenFile={(e) => openFile(e.path)}
              onRename={(entry) => setDialog({ kind: "move", entry })}
              onDelete={(entry) => setDialog({ kind: "delete", entry })}
            />
          )}
        </UploadDropZone>
      </div>

      {openPath ? (
        <div className="min-w-0">
          <FileViewer
            key={openPath}
            sessionId={sessionId}
            path={openPath}
            onDirtyChange={setDirty}
            onClose={() => guard(() => (setDirty(false), setOpenPath(null)))}
          />
        </div>
      ) : null}

      <NameDialog
        open={dialog?.kind === "new-file"}
        onOpenChange={(o) => !o && setDialog(null)}
        title="New file"
        description={`Creates an empty file in ${dir}.`}
        label="File name"
        initial="untitled.txt"
        submitLabel="Create"
        validate={nameProblem}
        pending={create.isPending}
        onSubmit={(name) => {
          const path = joinPath(dir, name);
          create.mutate(path, {
            onSuccess: () => {
              setDialog(null);
              openFile(path);
            },
          });
        }}
      />
      <NameDialog
        open={dialog?.kind === "new-folder"}
        onOpenChange={(o) => !o && setDialog(null)}
        title="New folder"
        description={`Creates a folder in ${dir}.`}
        label="Folder name"
        initial="new-folder"
        submitLabel="Create"
        validate={nameProblem}
        pending={mkdir.isPending}
        onSubmit={(name) => mkdir.mutate(joinPath(dir, name), { onSuccess: () => setDialog(null) })}
      />
      <NameDialog
        open={dialog?.kind === "move"}
        onOpenChange={(o) => !o && setDialog(null)}
        title={dialog?.kind === "move" ? `Rename or move ${dialog.entry.name}` : "Rename or move"}
        description="Edit the name, or the whole path to move it. An existing file at the destination is replaced."
        label="New path"
        initial={dialog?.kind === "move" ? dialog.entry.path : ""}
        submitLabel="Move"
        validate={(p) =>
          pathProblem(p) ??
          (dialog?.kind === "move" && p.trim() === dialog.entry.path ? "Choose a different path" : null)
        }
        pending={move.isPending}
        onSubmit={(destination) => {
          if (dialog?.kind !== "move") return;
          const source = dialog.entry.path;
          move.mutate(
            { source, destination },
            {
              onSuccess: () => {
                setDialog(null);
                if (openPath && isInside(openPath, source)) setOpenPath(null);
                toast.success(`Moved to ${destination}`);
              },
            },
          );
        }}
      />
      <ConfirmDialog
        open={dialog?.kind === "delete"}
        onOpenChange={(o) => !o && setDialog(null)}
        title={dialog?.kind === "delete" ? `Delete ${dialog.entry.name}?` : "Delete?"}
        description={
          dialog?.kind === "delete"
            ? dialog.entry.isDirectory && features && !features.recursiveDelete
              ? `${dialog.entry.path} will be removed from the session if it is empty (this backend cannot delete a folder with its contents). This cannot be undone.`
              : `${dialog.entry.path} will be removed from the session${dialog.entry.isDirectory ? " with everything in it" : ""}. This cannot be undone.`
            : undefined
        }
        confirmLabel="Delete"
        destructive
        pending={remove.isPending}
        onConfirm={() => {
          if (dialog?.kind !== "delete") return;
          const { path, isDirectory } = dialog.entry;
          remove.mutate(
            { path, isDirectory },
            {
              onSuccess: () => {
                setDialog(null);
                if (openPath && isInside(openPath, path)) {
                  setDirty(false);
                  setOpenPath(null);
                }
              },
            },
          );
        }}
      />
      <ConfirmDialog
        open={dialog?.kind === "discard"}
        onOpenChange={(o) => !o && setDialog(null)}
        title="Discard unsaved changes?"
        description={`Your edits to ${openPath ?? "the file"} have not been saved.`}
        confirmLabel="Discard"
        destructive
        onConfirm={() => {
          if (dialog?.kind !== "discard") return;
          const then = dialog.then;
          setDialog(null);
          setDirty(false);
          then();
        }}
      />
    </div>
  );
}
