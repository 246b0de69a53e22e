"use client";
import { cn } from "@/lib/utils";
import { formatDateTime, formatCountdown } from "./format";
import { useNow } from "./use-now";

/** Time left before the idle reaper releases the session; turns amber under a minute. */
export function IdleCountdown({ releaseAt, className }: { releaseAt: string | null; className?: string }) {
  const now = useNow();
  if (!releaseAt) return <span className="text-muted-foreground">—</span>;
  const at = Date.parse(releaseAt);
  if (Number.isNaN(at)) return <span className="text-muted-foreground">—</span>;
  if (now === null) return <span className={cn("tabular-nums text-muted-foreground", className)}>…</span>;
  const left = at - now;
  return (
    <time
      dateTime={releaseAt}
      title={`Released if idle at ${formatDateTime(releaseAt)}`}
      className={cn("tabular-nums", left < 60_000 && "text-warning font-medium", className)}
    >
      {left <= 0 ? "releasing…" : formatCountdown(left)}
    </time>
  );
}
