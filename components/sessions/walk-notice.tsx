"use client";
import { Loader2 } from "lucide-react";
import { Progress } from "@/components/ui/progress";
import { formatCount } from "./format";
import type { WalkStep } from "./walk-progress";

/** Shown while the pages before a linked page are read (AGB's list only steps forward). */
export function WalkNotice({ step }: { step: WalkStep }) {
  const done = step.at - 1;
  const of = step.target - 1;
  return (
    <div
      role="status"
      data-testid="walk-notice"
      className="flex flex-col gap-2 rounded-md border border-border bg-muted/40 p-3 text-sm"
    >
      <p className="flex items-center gap-2">
        <Loader2 className="size-4 animate-spin text-muted-foreground" aria-hidden />
        Finding page {formatCount(step.target)}: AGB lists sessions page by page, so the {formatCount(of)} before it are
        read first ({formatCount(done)} of {formatCount(of)} done).
      </p>
      <Progress value={done} max={of} label="Pages read before it" />
    </div>
  );
}
