import { cn } from "@/lib/utils";

export const UNREPORTED = "AGB's list does not report this";

/** A cell the backend's list leaves empty (AGB's list carries ids and statuses only). */
export function Unreported({ className }: { className?: string }) {
  return (
    <span
      title={UNREPORTED}
      aria-label={UNREPORTED}
      data-testid="unreported"
      className={cn("cursor-help text-muted-foreground", className)}
    >
      —
    </span>
  );
}
