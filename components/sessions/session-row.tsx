"use client";
import * as React from "react";
import { useCan } from "@/components/auth/current-user";
import { AppLink } from "@/components/ui/app-link";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { TableCell, TableRow } from "@/components/ui/table";
import { TruncatedText } from "@/components/ui/truncated-text";
import { LabelChips } from "@/components/labels/label-chips";
import type { LabelPair } from "@/lib/query-keys";
import { CreatedAt } from "./created-at";
import { IdleCountdown } from "./idle-countdown";
import { StatusBadge } from "./status-badge";
import { UnreportedCell } from "./unreported";
import type { ListRow as Row } from "./use-row-labels";

type Props = {
  row: Row;
  selected: boolean;
  onToggle: (id: string, on: boolean) => void;
  onPickLabel: (p: LabelPair) => void;
};

// The row's and its cells' layouts (a grid on small screens) are the srow-* classes in app/globals.css:
// one short class each, as a page repeats them 50-100 times.
// Memoised: a 5-second poll that returns the same rows re-renders nothing but the countdowns.
export const SessionRow = React.memo(function SessionRow({ row, selected, onToggle, onPickLabel }: Props) {
  const href = `/sessions/${encodeURIComponent(row.sessionId)}`;
  const selectable = useCan("operator");
  return (
    <TableRow
      data-state={selected ? "selected" : undefined}
      data-testid="session-row"
      data-session-id={row.sessionId}
      className="srow"
    >
      <TableCell className="srow-select">
        {selectable ? (
          <Checkbox
            checked={selected}
            onCheckedChange={(c) => onToggle(row.sessionId, c === true)}
            aria-label={`Select session ${row.sessionId}`}
          />
        ) : null}
      </TableCell>
      <TableCell className="srow-id">
        <div className="flex min-w-0 items-center gap-1">
          <AppLink href={href} className="srow-link" title={row.sessionId}>
            {row.sessionId}
          </AppLink>
          <CopyButton value={row.sessionId} label={`Copy session id ${row.sessionId}`} className="size-6 shrink-0" />
        </div>
      </TableCell>
      <TableCell className="srow-status">
        <StatusBadge status={row.status} />
      </TableCell>
      {row.imageId ? (
        <TableCell className="hidden max-w-[10rem] md:table-cell">
          <TruncatedText text={row.imageId} className="text-xs" threshold={18} />
        </TableCell>
      ) : (
        <UnreportedCell className="hidden md:table-cell" />
      )}
      <TableCell className="srow-labels">
        {/* The cell keeps one chip's height while labels load, so rows do not move when they arrive. */}
        <div
          className="flex min-h-6 items-center"
          data-testid="row-labels"
          aria-busy={row.labels === null && !row.labelsFailed}
        >
          {row.labels ? (
            <LabelChips labels={row.labels} onPick={onPickLabel} />
          ) : row.labelsFailed ? (
            <span className="text-xs text-muted-foreground">labels unavailable</span>
          ) : (
            <span className="flex gap-1" role="status" aria-label="Loading labels">
              <Skeleton className="h-6 w-20 rounded-full" />
              <Skeleton className="h-6 w-14 rounded-full" />
            </span>
          )}
        </div>
      </TableCell>
      {row.createdAt ? (
        <TableCell className="hidden text-xs whitespace-nowrap text-muted-foreground lg:table-cell">
          <CreatedAt iso={row.createdAt} />
        </TableCell>
      ) : (
        <UnreportedCell className="hidden text-xs lg:table-cell" />
      )}
      {row.idleReleaseAt ? (
        <TableCell className="srow-idle">
          <span className="sm:hidden text-muted-foreground">Idle release in </span>
          <IdleCountdown releaseAt={row.idleReleaseAt} />
        </TableCell>
      ) : (
        <UnreportedCell className="srow-idle max-sm:hidden" />
      )}
    </TableRow>
  );
});
