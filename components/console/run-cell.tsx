"use client";
import { memo } from "react";
import { Pencil, RotateCw, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button, type ButtonProps } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { formatDuration } from "./format";
import { RunOutput } from "./run-output";
import { joinedOutput, type RunRecord } from "./run-record";
import { useRunningRunId } from "./use-code-history";

const STATUS: Record<
  RunRecord["status"],
  { label: string; variant: "secondary" | "success" | "destructive" | "warning" }
> = {
  running: { label: "Running", variant: "secondary" },
  ok: { label: "OK", variant: "success" },
  error: { label: "Error", variant: "destructive" },
  interrupted: { label: "Stopped", variant: "warning" },
  failed: { label: "Failed", variant: "destructive" },
};

/**
 * Disabled while a run of its language is in progress. It follows that itself, so a run starting
 * or ending re-renders this button in each cell, not every cell with its tooltips.
 */
function RerunButton({
  sessionId,
  language,
  ...props
}: { sessionId: string; language: RunRecord["language"] } & ButtonProps) {
  const busy = useRunningRunId(sessionId, language) !== null;
  return <Button {...props} disabled={busy} />;
}

/** Memoized: a streaming run re-renders only its own cell, not the whole history. */
export const RunCell = memo(function RunCell({
  run,
  sessionId,
  onRerun,
  onEdit,
  onRemove,
}: {
  run: RunRecord;
  sessionId: string;
  onRerun: (run: RunRecord) => void;
  onEdit: (run: RunRecord) => void;
  onRemove: (run: RunRecord) => void;
}) {
  const status = STATUS[run.status];
  const output = [joinedOutput(run, "stdout"), joinedOutput(run, "stderr")].filter(Boolean).join("\n");
  return (
    <article
      data-testid="run-cell"
      data-status={run.status}
      aria-busy={run.status === "running"}
      className={cn(
        "flex min-w-0 flex-col gap-2 rounded-lg border p-3",
        run.status === "error" || run.status === "failed" ? "border-destructive/40" : "border-border",
      )}
    >
      <header className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span className="font-mono text-foreground" title="Execution count">
          [{run.executionCount ?? (run.status === "running" ? "*" : " ")}]
        </span>
        <Badge variant={status.variant} data-testid="run-status">
          {status.label}
        </Badge>
        {run.executionTimeS !== null ? (
          <span title="Time in the kernel">{formatDuration(run.executionTimeS * 1000)}</span>
        ) : null}
        {run.clientMs !== null ? (
          <span title="From pressing Run to the last output, in this browser">
            · {formatDuration(run.clientMs)} total
          </span>
        ) : null}
        <time dateTime={new Date(run.startedAt).toISOString()} className="hidden sm:inline">
          · {new Date(run.startedAt).toLocaleTimeString()}
        </time>
        <span className="ml-auto flex items-center gap-0.5">
          <Tooltip content="Run again">
            <RerunButton
              sessionId={sessionId}
              language={run.language}
              size="icon-sm"
              variant="ghost"
              aria-label="Run again"
              onClick={() => onRerun(run)}
            >
              <RotateCw aria-hidden />
            </RerunButton>
          </Tooltip>
          <Tooltip content="Edit in the editor">
            <Button size="icon-sm" variant="ghost" aria-label="Edit in the editor" onClick={() => onEdit(run)}>
              <Pencil aria-hidden />
            </Button>
          </Tooltip>
          <CopyButton value={run.code} label="Copy code" />
          {output ? <CopyButton value={output} label="Copy output" /> : null}
          <Tooltip content="Remove from history">
            <Button
              size="icon-sm"
              variant="ghost"
              aria-label="Remove from history"
              disabled={run.status === "running"}
              onClick={() => onRemove(run)}
            >
              <Trash2 aria-hidden />
            </Button>
          </Tooltip>
        </span>
      </header>
      <pre
        className="max-h-40 overflow-auto rounded bg-muted px-2 py-1 font-mono text-xs whitespace-pre-wrap"
        data-testid="run-code"
      >
        {run.code}
      </pre>
      <RunOutput run={run} />
    </article>
  );
});
