"use client";
import { RotateCw } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";
import type { CommandResult } from "@/lib/api/schemas/console";
import { stripAnsi } from "@/lib/protocol/run-error";
import { formatDuration } from "./format";

export interface CommandRun {
  id: number;
  command: string;
  cwd?: string;
  envs: Record<string, string>;
  result: CommandResult;
}

export function CommandResultCard({
  run,
  onRerun,
  disabled,
}: {
  run: CommandRun;
  onRerun: () => void;
  disabled: boolean;
}) {
  const { result } = run;
  const failed = result.timedOut || result.exitCode !== 0;
  const envNames = Object.keys(run.envs);
  return (
    <article
      data-testid="command-result"
      data-exit-code={result.exitCode}
      data-failed={failed}
      className={cn(
        "flex min-w-0 flex-col gap-2 rounded-lg border p-3",
        failed ? "border-destructive/50 bg-destructive/[0.03]" : "border-border",
      )}
    >
      <header className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        {result.timedOut ? (
          <Badge variant="warning" data-testid="command-status">
            Timed out
          </Badge>
        ) : (
          <Badge variant={failed ? "destructive" : "success"} data-testid="command-status">
            {failed ? `Failed · exit ${result.exitCode}` : "exit 0"}
          </Badge>
        )}
        <span>{formatDuration(result.durationMs)}</span>
        {run.cwd ? <span className="font-mono">in {run.cwd}</span> : null}
        {envNames.length ? <span className="font-mono">with {envNames.join(", ")}</span> : null}
        <span className="ml-auto flex items-center gap-0.5">
          <Button
            size="icon-sm"
            variant="ghost"
            aria-label="Run again"
            title="Run again"
            onClick={onRerun}
            disabled={disabled}
          >
            <RotateCw aria-hidden />
          </Button>
          <CopyButton value={run.command} label="Copy command" />
          {result.stdout || result.stderr ? (
            <CopyButton value={result.stdout + result.stderr} label="Copy output" />
          ) : null}
        </span>
      </header>
      <pre className="overflow-x-auto font-mono text-sm font-medium whitespace-pre-wrap">
        <span className="text-muted-foreground select-none">$ </span>
        {run.command}
      </pre>
      {result.stdout ? (
        <pre data-stream="stdout" className="max-h-96 overflow-auto font-mono text-sm break-words whitespace-pre-wrap">
          {stripAnsi(result.stdout)}
        </pre>
      ) : null}
      {result.stderr ? (
        <pre
          data-stream="stderr"
          className="max-h-96 overflow-auto rounded border-l-2 border-warning bg-warning/10 px-2 py-1 font-mono text-sm break-words whitespace-pre-wrap text-warning"
        >
          {stripAnsi(result.stderr)}
        </pre>
      ) : null}
      {result.timedOut ? (
        <p className="text-sm text-warning">The command did not finish within its timeout and was stopped.</p>
      ) : null}
      {!result.stdout && !result.stderr && !result.timedOut ? (
        <p className="text-xs text-muted-foreground">No output.</p>
      ) : null}
    </article>
  );
}
