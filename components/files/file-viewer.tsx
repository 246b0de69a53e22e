"use client";
import { Download, FileWarning, X } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { apiUrl } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { ChunkedFileReader } from "./chunked-file-reader";
import { formatBytes } from "./paths";
import { TextFileEditor } from "./text-file-editor";
import { EDITABLE_LIMIT, useFileChunk } from "./use-file-chunk";

/** Opens one file: editable text, read-only chunks for large text, or a download for binary files. */
export function FileViewer({
  sessionId,
  path,
  onClose,
  onDirtyChange,
}: {
  sessionId: string;
  path: string;
  onClose: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const first = useFileChunk(sessionId, path, 0, EDITABLE_LIMIT);
  const name = path.slice(path.lastIndexOf("/") + 1);
  const closeButton = (
    <Button size="icon-sm" variant="ghost" aria-label="Close file" title="Close" onClick={onClose}>
      <X aria-hidden />
    </Button>
  );
  const download = (
    <a
      href={apiUrl(endpoints.download, { id: sessionId, query: { path } })}
      download={name}
      className={buttonVariants({ size: "sm", variant: "outline" })}
    >
      <Download aria-hidden /> Download
    </a>
  );

  if (first.isPending) {
    return (
      <div className="flex flex-col gap-2" aria-label={`Opening ${name}`}>
        <Skeleton className="h-8" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (first.isError) {
    return (
      <div className="flex flex-col gap-2">
        <div className="flex justify-end">{closeButton}</div>
        <ErrorState title={`Cannot open ${name}`} error={first.error} onRetry={() => first.refetch()} />
      </div>
    );
  }
  const file = first.data;
  if (file.binary) {
    return (
      <div className="flex flex-col gap-3 rounded-lg border border-border p-4" data-testid="binary-file">
        <div className="flex items-center gap-2">
          <FileWarning className="size-5 text-muted-foreground" aria-hidden />
          <h3 className="min-w-0 flex-1 truncate font-mono text-sm font-medium">{path}</h3>
          {closeButton}
        </div>
        <p className="text-sm text-muted-foreground">
          This is a binary file ({formatBytes(file.size)}); it cannot be shown as text.
        </p>
        <div>{download}</div>
      </div>
    );
  }
  if (file.size > EDITABLE_LIMIT || file.truncated) {
    return <ChunkedFileReader sessionId={sessionId} path={path} first={file} header={{ closeButton, download }} />;
  }
  return (
    <TextFileEditor
      key={path}
      sessionId={sessionId}
      path={path}
      initial={file}
      closeButton={closeButton}
      download={download}
      onDirtyChange={onDirtyChange}
    />
  );
}
