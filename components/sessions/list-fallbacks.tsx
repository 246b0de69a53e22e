"use client";
// What the list shows instead of rows: loaded only when shown (the usual first load has rows).
import { FilterX, ServerOff } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ApiError } from "@/lib/api/client";
import type { LabelPair } from "@/lib/query-keys";
import { CreateSessionDialog } from "./create-session-dialog";

/** The list's failure. A page too far to reach offers page 1: a retry would fail the same way. */
export function ListError({
  error,
  onRetry,
  onFirstPage,
}: {
  error: unknown;
  onRetry: () => void;
  onFirstPage: () => void;
}) {
  const tooFar = error instanceof ApiError && error.code === "page_too_far";
  return (
    <ErrorState
      title="Could not load sessions"
      error={error}
      onRetry={onRetry}
      action={
        tooFar ? (
          <Button size="sm" variant="outline" onClick={onFirstPage}>
            Go to page 1
          </Button>
        ) : undefined
      }
    />
  );
}

/** No session at all, or none matching the filter (with a way out either way). */
export function ListEmpty({
  labels,
  canChange,
  onClear,
}: {
  labels: LabelPair[];
  canChange: boolean;
  onClear: () => void;
}) {
  return labels.length > 0 ? (
    <EmptyState
      icon={<FilterX />}
      title="No session matches these labels"
      description="Every label filter must match. Remove one, or clear them all."
      action={
        <Button variant="outline" onClick={onClear}>
          Clear filters
        </Button>
      }
    />
  ) : (
    <EmptyState
      icon={<ServerOff />}
      title="No sessions yet"
      description={
        canChange
          ? "A session is a sandbox where code, shell commands and files run. Create one to get started."
          : "A session is a sandbox where code, shell commands and files run. An operator can create one."
      }
      action={
        canChange ? (
          <CreateSessionDialog initialLabels={labels} data-testid="create-session-empty">
            Create a session
          </CreateSessionDialog>
        ) : undefined
      }
    />
  );
}
