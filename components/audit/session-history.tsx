"use client";
import { AppLink } from "@/components/ui/app-link";
import { RotateCw } from "lucide-react";
import { useCan } from "@/components/auth/current-user";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AuditTable } from "./audit-table";
import { LoadMore } from "./load-more";
import { useSessionAudit } from "./use-audit-log";

/** A session's own audit history on its page: who did what in it, when, and how it ended. */
export function SessionHistory({ sessionId }: { sessionId: string }) {
  const q = useSessionAudit(sessionId);
  const admin = useCan("admin");
  return (
    <section aria-labelledby="history-heading" className="space-y-3 rounded-lg border border-border p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-heading" className="font-semibold">
          History
        </h2>
        <div className="flex items-center gap-1">
          <Button variant="ghost" size="sm" onClick={() => q.refetch()} disabled={q.isFetching}>
            <RotateCw aria-hidden /> Refresh
          </Button>
          {admin ? (
            <AppLink
              href={`/audit?session=${encodeURIComponent(sessionId)}`}
              className="rounded-sm px-2 text-sm text-primary underline-offset-4 hover:underline"
            >
              In the audit log
            </AppLink>
          ) : null}
        </div>
      </div>
      {q.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : q.isError && q.entries.length === 0 ? (
        <ErrorState title="Could not load the history" error={q.error} onRetry={() => q.refetch()} />
      ) : q.entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing recorded for this session yet.</p>
      ) : (
        <>
          <AuditTable entries={q.entries} showSession={false} />
          <LoadMore q={q} />
        </>
      )}
    </section>
  );
}
