"use client";
import * as React from "react";
import { Chip } from "@/components/ui/badge";
import type { LabelPair } from "@/lib/query-keys";

const MAX_INLINE = 3;

/**
 * A session's labels as chips; a click on one filters by it. Only the first few render until "+N"
 * expands the row, so 64 labels × 100 rows stays a few hundred nodes.
 */
export function LabelChips({
  labels,
  onPick,
  max = MAX_INLINE,
}: {
  labels: Record<string, string>;
  onPick?: (p: LabelPair) => void;
  max?: number;
}) {
  const [expanded, setExpanded] = React.useState(false);
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-xs text-muted-foreground">no labels</span>;
  const shown = expanded ? entries : entries.slice(0, max);
  const rest = entries.length - max;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1">
      {shown.map(([k, v]) => (
        <LabelChip key={k} k={k} v={v} onPick={onPick} />
      ))}
      {rest > 0 ? (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
          className="chip-more"
          aria-label={expanded ? "Show fewer labels" : `Show all ${entries.length} labels`}
        >
          {expanded ? "less" : `+${rest}`}
        </button>
      ) : null}
    </div>
  );
}

function LabelChip({ k, v, onPick }: { k: string; v: string; onPick?: (p: LabelPair) => void }) {
  const text = `${k}=${v}`;
  return (
    <Chip
      className="max-w-56 font-mono"
      title={text}
      onClick={onPick ? () => onPick({ key: k, value: v }) : undefined}
      clickLabel={onPick ? `Filter by ${text}` : undefined}
    >
      {text}
    </Chip>
  );
}
