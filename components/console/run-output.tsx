"use client";
import { RequestIdLine } from "@/components/ui/error-state";
import { cn } from "@/lib/utils";
import { stripAnsi } from "@/lib/protocol/run-error";
import { errorView, type ErrorView } from "./error-view";
import { ResultView } from "./result-view";
import type { RunRecord } from "./run-record";

/** Everything one run produced, in the order it arrived: streams, then results, then the error. */
export function RunOutput({ run }: { run: RunRecord }) {
  const err = run.error ? errorView(run.error, run.output) : null;
  const empty = run.output.length === 0 && run.results.length === 0 && !run.error && !run.failure;
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="run-output">
      {run.output.map((chunk, i) =>
        i === err?.adoptedChunk && !err.adoptedPrefix ? null : (
          <pre
            key={i}
            data-stream={chunk.stream}
            className={cn(
              "max-h-[32rem] overflow-auto font-mono text-sm break-words whitespace-pre-wrap",
              chunk.stream === "stderr" && "rounded border-l-2 border-warning bg-warning/10 px-2 py-1 text-warning",
            )}
          >
            {stripAnsi(i === err?.adoptedChunk ? err.adoptedPrefix : chunk.text)}
          </pre>
        ),
      )}
      {run.results.map((r, i) => (
        <ResultView key={i} result={r} />
      ))}
      {err ? <ErrorBlock error={err} /> : null}
      {run.failure ? (
        <div role="alert" className="rounded border border-destructive/40 bg-destructive/5 p-2 text-sm">
          <p className="font-medium text-destructive">The run could not complete</p>
          <p className="break-words text-muted-foreground">{run.failure.message}</p>
          {run.failure.requestId ? <RequestIdLine requestId={run.failure.requestId} /> : null}
        </div>
      ) : null}
      {run.trimmed ? (
        <p className="text-xs text-muted-foreground">Output shortened to keep the history small.</p>
      ) : null}
      {empty && run.status !== "running" ? <p className="text-xs text-muted-foreground">No output.</p> : null}
    </div>
  );
}

function ErrorBlock({ error }: { error: ErrorView }) {
  const { traceback } = error;
  return (
    <div data-testid="run-error" className="rounded border border-destructive/40 bg-destructive/5 p-2 text-sm">
      <p className="font-mono font-medium break-words text-destructive">
        {error.name}
        {error.value ? `: ${error.value}` : ""}
      </p>
      {traceback ? (
        <pre
          data-testid="run-traceback"
          className="mt-2 max-h-80 overflow-auto font-mono text-xs break-words whitespace-pre-wrap text-muted-foreground"
        >
          {traceback}
        </pre>
      ) : null}
    </div>
  );
}
