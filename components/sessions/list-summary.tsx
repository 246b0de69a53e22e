"use client";
import { AlertTriangle, RefreshCw } from "lucide-react";
import { ApiError } from "@/lib/api/client";
import type { ListSessionsResponse } from "@/lib/api/schemas/sessions";
import { cn } from "@/lib/utils";
import { formatCount } from "./format";
import { rangeOf } from "./url-state";

/** Which rows are on screen: those of `data`, which is the previous view's page while the next loads (`stale`). */
export function ListSummary({
  data,
  refreshing,
  stale,
  refreshError,
}: {
  data: ListSessionsResponse;
  refreshing: boolean;
  stale: boolean;
  refreshError: unknown;
}) {
  const { from, to } = rangeOf(Math.min(data.page, Math.max(1, data.pageCount)), data.pageSize, data.total);
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p aria-live="polite" data-testid="list-summary">
        Showing{" "}
        <span className="font-medium tabular-nums">
          {formatCount(from)}–{formatCount(to)}
        </span>{" "}
        of{" "}
        <span className="font-medium tabular-nums" data-testid="list-total">
          {formatCount(data.total)}
        </span>{" "}
        {data.total === 1 ? "session" : "sessions"}
      </p>
      {refreshError ? (
        <p className="flex items-center gap-1 text-xs text-warning" role="status">
          <AlertTriangle className="size-3.5" aria-hidden />
          Live refresh failed: {(refreshError as Error).message}
          {refreshError instanceof ApiError && refreshError.requestId ? ` (request ${refreshError.requestId})` : ""}
        </p>
      ) : (
        <p className="flex items-center gap-1 text-xs text-muted-foreground">
          <RefreshCw className={cn("size-3.5", (refreshing || stale) && "animate-spin")} aria-hidden />
          {stale ? "Loading…" : "Live"}
        </p>
      )}
    </div>
  );
}
