"use client";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { formatCount } from "@/components/sessions/format";

/** What LoadMore reads of a paged audit query (useAuditLog, useSessionAudit). */
export interface PagedEntries {
  entries: readonly unknown[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

/** The foot of a keyset-paged list: how many are shown, and the next (older) page on demand. */
export function LoadMore({ q }: { q: PagedEntries }) {
  const shown = q.entries.length;
  return (
    <div className="flex flex-col items-center gap-2">
      {q.isFetchNextPageError ? (
        <ErrorState title="Could not load more entries" error={q.error} className="w-full" />
      ) : null}
      <p className="text-xs text-muted-foreground" aria-live="polite" data-testid="audit-shown">
        {formatCount(shown)} {shown === 1 ? "entry" : "entries"} shown{q.hasNextPage ? "" : " (all)"}
      </p>
      {q.hasNextPage ? (
        <Button variant="outline" size="sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage ? "Loading…" : "Load older entries"}
        </Button>
      ) : null}
    </div>
  );
}
