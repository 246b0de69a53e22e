"use client";
import { AppLink } from "@/components/ui/app-link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/components/sessions/format";
import type { AuditEntryView } from "@/lib/api/schemas/audit";
import { AuditDetail } from "./audit-detail";

/** The entries as a table, newest first. `showSession` false on a session's own page. */
export function AuditTable({ entries, showSession = true }: { entries: AuditEntryView[]; showSession?: boolean }) {
  return (
    <Table data-testid="audit-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>Action</TableHead>
          {showSession ? <TableHead>Session</TableHead> : null}
          <TableHead>What</TableHead>
          <TableHead>Result</TableHead>
          <TableHead>Request ID</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => (
          <TableRow key={e.id} data-testid="audit-row" data-action={e.action} className="align-top">
            <TableCell className="align-top text-xs whitespace-nowrap tabular-nums" title={e.at}>
              {formatDateTime(e.at)}
            </TableCell>
            <TableCell className="align-top">
              <div className="font-medium">{e.username}</div>
              <div className="font-mono text-xs text-muted-foreground">{e.ip}</div>
            </TableCell>
            <TableCell className="align-top font-mono text-xs whitespace-nowrap">{e.action}</TableCell>
            {showSession ? (
              <TableCell className="max-w-40 align-top font-mono text-xs">
                {e.sessionId ? (
                  <AppLink
                    href={`/sessions/${encodeURIComponent(e.sessionId)}`}
                    className="block truncate text-primary underline-offset-4 hover:underline"
                    title={e.sessionId}
                  >
                    {e.sessionId}
                  </AppLink>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
            ) : null}
            <TableCell className="align-top">
              <AuditDetail detail={e.detail} />
            </TableCell>
            <TableCell className="align-top whitespace-nowrap">
              <Badge variant={e.result === "ok" ? "success" : "destructive"} title={`HTTP ${e.status}`}>
                {e.result}
              </Badge>
              <div className="mt-0.5 text-xs text-muted-foreground tabular-nums">{e.status}</div>
              <RunOutcome detail={e.detail} />
            </TableCell>
            <TableCell className="max-w-36 align-top font-mono text-xs break-all text-muted-foreground">
              {e.requestId ?? "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A run the request carried out but that failed in the session (a command's non-zero exit, a
 * timeout, a cell that raised): the request's own result says "ok", which alone reads as success.
 */
function RunOutcome({ detail }: { detail: Record<string, unknown> }) {
  const { exitCode, timedOut, error } = detail;
  const label =
    timedOut === true
      ? "timed out"
      : typeof exitCode === "number" && exitCode !== 0
        ? `exit ${exitCode}`
        : typeof error === "string"
          ? "raised"
          : null;
  if (!label) return null;
  return (
    <Badge
      variant="warning"
      className="mt-1"
      data-testid="audit-run-outcome"
      title={typeof error === "string" ? error : undefined}
    >
      {label}
    </Badge>
  );
}
