"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Progress } from "@/components/ui/progress";
import type { BulkProgress } from "./use-bulk-action";
import { formatCount } from "./format";

/** Progress while running; afterwards, which sessions failed and why (with their requestIds). */
export function BulkReport({ progress, verb }: { progress: BulkProgress; verb: string }) {
  const ok = progress.done - progress.failures.length;
  return (
    <div className="space-y-3">
      <Progress value={progress.done} max={progress.total} label={`${verb} progress`} />
      <p className="text-sm" aria-live="polite" data-testid="bulk-status">
        {progress.running
          ? `${verb}: ${formatCount(progress.done)} of ${formatCount(progress.total)}…`
          : `Done: ${formatCount(ok)} succeeded, ${formatCount(progress.failures.length)} failed.`}
      </p>
      {!progress.running && progress.failures.length > 0 ? (
        <div className="max-h-56 overflow-y-auto rounded-md border border-destructive/40">
          <table className="w-full text-xs">
            <caption className="sr-only">Sessions that failed</caption>
            <thead className="bg-destructive/5 text-left">
              <tr>
                <th className="px-2 py-1 font-medium">Session</th>
                <th className="px-2 py-1 font-medium">Error</th>
                <th className="px-2 py-1 font-medium">Request ID</th>
              </tr>
            </thead>
            <tbody>
              {progress.failures.slice(0, 500).map((f) => (
                <tr key={f.sessionId} className="border-t border-border align-top">
                  <td className="max-w-32 truncate px-2 py-1 font-mono" title={f.sessionId}>
                    {f.sessionId}
                  </td>
                  <td className="px-2 py-1 break-words">{f.message}</td>
                  <td className="px-2 py-1">
                    {f.requestId ? (
                      <span className="flex items-center gap-1 font-mono">
                        <span className="max-w-24 truncate" title={f.requestId}>
                          {f.requestId}
                        </span>
                        <CopyButton
                          value={f.requestId}
                          label={`Copy request ID for ${f.sessionId}`}
                          className="size-5"
                        />
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {progress.failures.length > 500 ? (
            <p className="p-2 text-xs text-muted-foreground">
              …and {formatCount(progress.failures.length - 500)} more.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
