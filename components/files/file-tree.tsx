"use client";
import { useState } from "react";
import { useCan } from "@/components/auth/current-user";
import { Cable, ChevronRight, Download, File, Folder, Pencil, Trash2 } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { FileEntry } from "@/lib/api/schemas/console";
import { cn } from "@/lib/utils";
import { apiUrl } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { formatBytes, formatModTime, parseModTime, sortEntries } from "./paths";
import { useDirectory } from "./use-directory";

const PAGE = 500;

export interface FileTreeActions {
  onNavigate: (dir: string) => void;
  onOpenFile: (entry: FileEntry) => void;
  onRename: (entry: FileEntry) => void;
  onDelete: (entry: FileEntry) => void;
}

/** One folder's entries; folders expand in place (a tree) or open on click (the breadcrumb follows). */
export function FileTree({
  sessionId,
  path,
  depth = 0,
  selected,
  ...actions
}: FileTreeActions & { sessionId: string; path: string; depth?: number; selected: string | null }) {
  const dir = useDirectory(sessionId, path);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [limit, setLimit] = useState(PAGE);
  const canWrite = useCan("operator");

  if (dir.isPending) {
    return (
      <div className="flex flex-col gap-1 p-2" aria-label="Loading folder">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-7" style={{ marginLeft: depth * 16 }} />
        ))}
      </div>
    );
  }
  if (dir.isError)
    return <ErrorState title={`Cannot list ${path}`} error={dir.error} onRetry={() => dir.refetch()} className="m-2" />;
  const entries = sortEntries(dir.data.entries);
  if (entries.length === 0) {
    return (
      <p className="py-2 text-sm text-muted-foreground" style={{ paddingLeft: depth * 16 + 32 }}>
        {depth === 0 ? `This folder is empty.${canWrite ? " Drop files here to upload them." : ""}` : "Empty"}
      </p>
    );
  }
  const toggle = (p: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(p)) next.delete(p);
      else next.add(p);
      return next;
    });

  return (
    <ul
      role={depth === 0 ? "tree" : "group"}
      aria-label={depth === 0 ? `Contents of ${path}` : undefined}
      className="flex flex-col"
    >
      {entries.slice(0, limit).map((e) => (
        <li
          key={e.path}
          role="treeitem"
          aria-expanded={e.isDirectory ? expanded.has(e.path) : undefined}
          aria-selected={selected === e.path}
        >
          <FileRow
            entry={e}
            depth={depth}
            open={expanded.has(e.path)}
            selected={selected === e.path}
            onToggle={() => toggle(e.path)}
            sessionId={sessionId}
            details={dir.data.features.details}
            {...actions}
          />
          {e.isDirectory && expanded.has(e.path) ? (
            <FileTree sessionId={sessionId} path={e.path} depth={depth + 1} selected={selected} {...actions} />
          ) : null}
        </li>
      ))}
      {entries.length > limit ? (
        <li className="p-2" style={{ paddingLeft: depth * 16 + 8 }}>
          <Button size="sm" variant="outline" onClick={() => setLimit(entries.length)}>
            Show all {entries.length} entries
          </Button>
        </li>
      ) : null}
    </ul>
  );
}

function FileRow({
  entry,
  depth,
  open,
  selected,
  onToggle,
  sessionId,
  details,
  onNavigate,
  onOpenFile,
  onRename,
  onDelete,
}: FileTreeActions & {
  entry: FileEntry;
  depth: number;
  open: boolean;
  selected: boolean;
  onToggle: () => void;
  sessionId: string;
  details: boolean;
}) {
  const modified = parseModTime(entry.modTime);
  const canWrite = useCan("operator");
  // A named pipe, socket or device has no content: opening one would wait for a writer or never end.
  const special = entry.isDirectory ? null : entry.special;
  return (
    <div
      data-testid="file-row"
      data-path={entry.path}
      data-kind={entry.isDirectory ? "dir" : special ? "special" : "file"}
      className={cn(
        "group flex min-h-9 items-center gap-1 rounded-md pr-1 text-sm hover:bg-accent/60",
        selected && "bg-accent",
      )}
      style={{ paddingLeft: depth * 16 }}
    >
      {entry.isDirectory ? (
        <button
          type="button"
          onClick={onToggle}
          aria-label={`${open ? "Collapse" : "Expand"} ${entry.name}`}
          className="flex size-7 shrink-0 cursor-pointer items-center justify-center rounded text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <ChevronRight className={cn("size-4 transition-transform", open && "rotate-90")} aria-hidden />
        </button>
      ) : (
        <span className="size-7 shrink-0" />
      )}
      <button
        type="button"
        onClick={() => (entry.isDirectory ? onNavigate(entry.path) : onOpenFile(entry))}
        disabled={!!special}
        className="flex min-w-0 flex-1 cursor-pointer items-center gap-2 rounded py-1 text-left focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:cursor-default"
        title={special ? `${entry.path} is a ${special}: it has no content to open or download` : entry.path}
      >
        {entry.isDirectory ? (
          <Folder className="size-4 shrink-0 text-primary" aria-hidden />
        ) : special ? (
          <Cable className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        ) : (
          <File className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        )}
        <span className={cn("truncate font-mono", special && "text-muted-foreground")}>{entry.name}</span>
      </button>
      {/* Without a detailed listing (AGB) there are no sizes or dates: no empty columns either. */}
      {details ? (
        <>
          <span className="hidden w-20 shrink-0 text-right text-xs text-muted-foreground tabular-nums sm:block">
            {entry.isDirectory ? "" : (special ?? formatBytes(entry.size))}
          </span>
          <time
            className="hidden w-28 shrink-0 text-right text-xs text-muted-foreground md:block"
            dateTime={modified?.toISOString()}
            title={modified?.toLocaleString()}
          >
            {formatModTime(entry.modTime)}
          </time>
        </>
      ) : null}
      <span className="flex shrink-0 items-center opacity-100 sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
        {!entry.isDirectory && !special ? (
          <a
            href={apiUrl(endpoints.download, { id: sessionId, query: { path: entry.path } })}
            download={entry.name}
            aria-label={`Download ${entry.name}`}
            title="Download"
            className={buttonVariants({ size: "icon-sm", variant: "ghost" })}
          >
            <Download aria-hidden />
          </a>
        ) : null}
        {canWrite ? (
          <>
            <Button
              size="icon-sm"
              variant="ghost"
              aria-label={`Rename or move ${entry.name}`}
              title="Rename or move"
              onClick={() => onRename(entry)}
            >
              <Pencil aria-hidden />
            </Button>
            <Button
              size="icon-sm"
              variant="ghost"
              aria-label={`Delete ${entry.name}`}
              title="Delete"
              onClick={() => onDelete(entry)}
              className="hover:text-destructive"
            >
              <Trash2 aria-hidden />
            </Button>
          </>
        ) : null}
      </span>
    </div>
  );
}
