"use client";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { formatCount } from "@/components/sessions/format";

/** The foot of a keyset-paged list: how many are shown, and the next (older) page on demand. */
export function LoadMore(p: { shown: number; hasMore: boolean; loading: boolean; error: unknown; onMore: () => void }) {
  return (
    <div className="flex flex-col items-center gap-2">
      {p.error ? <ErrorState title="Could not load more entries" error={p.error} className="w-full" /> : null}
      <p className="text-xs text-muted-foreground" aria-live="polite" data-testid="audit-shown">
        {formatCount(p.shown)} {p.shown === 1 ? "entry" : "entries"} shown{p.hasMore ? "" : " (all)"}
      </p>
      {p.hasMore ? (
        <Button variant="outline" size="sm" onClick={p.onMore} disabled={p.loading}>
          {p.loading ? "Loading…" : "Load older entries"}
        </Button>
      ) : null}
    </div>
  );
}
