import { TableCell } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export const UNREPORTED = "AGB's list does not report this";

/**
 * A cell the backend's list leaves empty (AGB's list carries ids and statuses only): "—" with a
 * tooltip saying why. The cell itself carries it, one element instead of two on each of 50 rows.
 */
export function UnreportedCell({ className }: { className?: string }) {
  return (
    <TableCell
      title={UNREPORTED}
      aria-label={UNREPORTED}
      data-testid="unreported"
      className={cn("cursor-help text-muted-foreground", className)}
    >
      —
    </TableCell>
  );
}
