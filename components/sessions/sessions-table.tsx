"use client";
import * as React from "react";
import { useCan } from "@/components/auth/current-user";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LabelPair } from "@/lib/query-keys";
import { SessionRow } from "./session-row";
import type { ListRow as Row } from "./use-row-labels";

type Props = {
  rows: Row[];
  isSelected: (id: string) => boolean;
  onToggle: (id: string, on: boolean) => void;
  onTogglePage: (on: boolean) => void;
  onPickLabel: (p: LabelPair) => void;
  busy: boolean;
};

export function SessionsTable({ rows, isSelected, onToggle, onTogglePage, onPickLabel, busy }: Props) {
  const selectedOnPage = rows.filter((r) => isSelected(r.sessionId)).length;
  const pageState = selectedOnPage === 0 ? false : selectedOnPage === rows.length ? true : "indeterminate";
  // Selecting is for bulk delete and bulk labels: a viewer's rows have no checkbox.
  const selectable = useCan("operator");
  return (
    <div className="rounded-lg border border-border">
      <Table
        aria-busy={busy}
        aria-label="Sessions"
        className="max-sm:block max-sm:[&>tbody]:block max-sm:[&>thead]:block"
      >
        <SessionsTableHead>
          {selectable ? (
            <Checkbox
              checked={pageState}
              onCheckedChange={(c) => onTogglePage(c === true)}
              aria-label="Select all sessions on this page"
              disabled={rows.length === 0}
            />
          ) : null}
        </SessionsTableHead>
        <TableBody>
          {rows.map((r) => (
            <SessionRow
              key={r.sessionId}
              row={r}
              selected={isSelected(r.sessionId)}
              onToggle={onToggle}
              onPickLabel={onPickLabel}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function SessionsTableHead({ children }: { children: React.ReactNode }) {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent max-sm:flex max-sm:items-center">
        <TableHead className="w-10 max-sm:flex max-sm:items-center max-sm:px-2">{children}</TableHead>
        <TableHead className="max-sm:flex max-sm:items-center max-sm:px-1">Session</TableHead>
        <TableHead className="max-sm:hidden">Status</TableHead>
        <TableHead className="hidden md:table-cell">Image</TableHead>
        {/* As wide as a row's labels may get: filling them in (on AGB, after the rows) moves no column. */}
        <TableHead className="max-sm:hidden sm:w-[26rem]">Labels</TableHead>
        <TableHead className="hidden lg:table-cell">Created</TableHead>
        <TableHead className="max-sm:hidden">
          <abbr title="Time left before the session is released if it stays idle" className="no-underline">
            Idle release
          </abbr>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}
