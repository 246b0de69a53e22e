"use client";
import * as React from "react";
import { AlertTriangle, RotateCw } from "lucide-react";
import { ApiError } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import { Button } from "./button";

// Loaded with the first request ID shown: the error boundaries (app/**/error.tsx) are in every
// page's first load, and most of their errors carry none.
const CopyButton = React.lazy(() => import("./copy-button").then((m) => ({ default: m.CopyButton })));

/** What went wrong, in words a person can act on, plus the AGB requestId to quote when asking for help. */
export function ErrorState({
  title = "Something went wrong",
  error,
  onRetry,
  action,
  className,
}: {
  title?: React.ReactNode;
  error: unknown;
  onRetry?: () => void;
  /** Instead of "Try again", for a failure that a retry would only repeat. */
  action?: React.ReactNode;
  className?: string;
}) {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div
      role="alert"
      className={cn("flex flex-col gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4", className)}
    >
      <div className="flex items-start gap-2">
        <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
        <div className="min-w-0 space-y-1">
          <p className="font-medium">{title}</p>
          <p className="text-sm break-words text-muted-foreground">{message}</p>
          {requestId ? <RequestIdLine requestId={requestId} /> : null}
        </div>
      </div>
      {action ? (
        <div>{action}</div>
      ) : onRetry ? (
        <div>
          <Button size="sm" variant="outline" onClick={onRetry}>
            <RotateCw aria-hidden /> Try again
          </Button>
        </div>
      ) : null}
    </div>
  );
}

export function RequestIdLine({ requestId }: { requestId: string }) {
  return (
    <p className="flex items-center gap-1 text-xs text-muted-foreground">
      Request ID: <code className="font-mono break-all">{requestId}</code>
      <React.Suspense>
        <CopyButton value={requestId} label="Copy request ID" className="size-6" />
      </React.Suspense>
    </p>
  );
}
