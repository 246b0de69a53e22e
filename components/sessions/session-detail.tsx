"use client";
import dynamic from "next/dynamic";
import { AppLink } from "@/components/ui/app-link";
import { ArrowLeft } from "lucide-react";
import { useCan } from "@/components/auth/current-user";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { SessionHistory } from "@/components/audit/session-history";
import { isNotFound } from "@/lib/api/client";
import { SessionActions } from "./session-actions";
import { SessionGone } from "./session-gone";
import { SessionInfoCard } from "./session-info-card";
import { SessionLabelsCard, SessionLabelsReadOnly } from "./session-labels-card";
import { SessionRawJson } from "./session-raw-json";
import { StatusBadge } from "./status-badge";
import { useSession } from "./use-session";

// The console pulls in CodeMirror: load it only on this page, only in the browser.
const ConsolePanel = dynamic(() => import("@/components/console/console-panel").then((m) => m.ConsolePanel), {
  ssr: false,
  loading: () => <Skeleton className="h-96 w-full" />,
});

// Only when the session is gone: the code the user was writing in it, to copy.
const KeptDrafts = dynamic(() => import("@/components/console/kept-drafts").then((m) => m.KeptDrafts), {
  ssr: false,
});

export function SessionDetailView({ id }: { id: string }) {
  const q = useSession(id);
  const canChange = useCan("operator");
  if (q.isError && isNotFound(q.error))
    return (
      <>
        <SessionGone id={id} />
        <KeptDrafts sessionId={id} />
      </>
    );

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <AppLink
          href="/sessions"
          className="inline-flex items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ArrowLeft className="size-4" aria-hidden /> Sessions
        </AppLink>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-w-0 items-center gap-2">
            <h1 className="min-w-0 truncate font-mono text-lg font-semibold sm:text-xl" title={id}>
              {id}
            </h1>
            <CopyButton value={id} label="Copy session id" />
            {q.data ? <StatusBadge status={q.data.status} /> : null}
          </div>
          {q.data && canChange ? <SessionActions sessionId={id} /> : null}
        </div>
      </div>

      {q.isPending ? (
        <div className="grid gap-4 lg:grid-cols-2" role="status" aria-label="Loading session">
          <Skeleton className="h-80" />
          <Skeleton className="h-80" />
        </div>
      ) : q.isError && !q.data ? (
        <ErrorState title="Could not load the session" error={q.error} onRetry={() => q.refetch()} />
      ) : q.data ? (
        <>
          <div className="grid items-start gap-4 lg:grid-cols-2">
            <SessionInfoCard s={q.data} />
            {canChange ? (
              <SessionLabelsCard sessionId={id} labels={q.data.labels} />
            ) : (
              <SessionLabelsReadOnly labels={q.data.labels} />
            )}
          </div>
          <section aria-label="Console">
            <ConsolePanel sessionId={id} imageId={q.data.imageId} />
          </section>
          <SessionHistory sessionId={id} />
          <SessionRawJson raw={q.data.raw} />
        </>
      ) : null}
    </div>
  );
}
