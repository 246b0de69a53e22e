"use client";
import { File } from "lucide-react";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useSearchFiles } from "./use-search-files";

export function FileSearchResults({
  sessionId,
  root,
  pattern,
  onPick,
}: {
  sessionId: string;
  root: string;
  pattern: string;
  onPick: (path: string) => void;
}) {
  const search = useSearchFiles(sessionId, root, pattern);
  if (search.isPending) return <Skeleton className="m-2 h-16" aria-label="Searching" />;
  if (search.isError)
    return <ErrorState title="Search failed" error={search.error} onRetry={() => search.refetch()} className="m-2" />;
  const matches = search.data.matches;
  return (
    <div className="flex flex-col gap-1 p-1" data-testid="file-search-results">
      <p className="px-2 py-1 text-xs text-muted-foreground" aria-live="polite">
        {matches.length === 0
          ? `No names under ${root} match "${pattern.trim()}"`
          : `${matches.length} match${matches.length === 1 ? "" : "es"} under ${root}`}
      </p>
      <ul className="flex flex-col">
        {matches.slice(0, 500).map((m) => (
          <li key={m}>
            <button
              type="button"
              onClick={() => onPick(m)}
              className="flex w-full min-w-0 cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              <File className="size-4 shrink-0 text-muted-foreground" aria-hidden />
              <span className="truncate font-mono">{m}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
