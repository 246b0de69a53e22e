"use client";
import * as React from "react";
import { Chip } from "@/components/ui/badge";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { LabelPair } from "@/lib/query-keys";

const MAX_INLINE = 3;

/**
 * A session's labels as chips; a click on one filters by it. Only the first few render inline and
 * the rest sit behind "+N", so 64 labels × 100 rows stays a few hundred nodes.
 */
export function LabelChips({ labels, onPick, max = MAX_INLINE }: { labels: Record<string, string>; onPick?: (p: LabelPair) => void; max?: number }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-xs text-muted-foreground">no labels</span>;
  const shown = entries.slice(0, max);
  const rest = entries.length - shown.length;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1">
      {shown.map(([k, v]) => (
        <LabelChip key={k} k={k} v={v} onPick={onPick} />
      ))}
      {rest > 0 ? (
        <Popover>
          <PopoverTrigger asChild>
            <button
              type="button"
              className="h-6 cursor-pointer rounded-full border border-dashed border-border px-2 text-xs text-muted-foreground hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              aria-label={`Show all ${entries.length} labels`}
            >
              +{rest}
            </button>
          </PopoverTrigger>
          <PopoverContent className="max-h-80 w-96 overflow-y-auto">
            <p className="mb-2 text-xs font-medium text-muted-foreground">{entries.length} labels</p>
            <div className="flex flex-wrap gap-1">
              {entries.map(([k, v]) => (
                <LabelChip key={k} k={k} v={v} onPick={onPick} />
              ))}
            </div>
          </PopoverContent>
        </Popover>
      ) : null}
    </div>
  );
}

function LabelChip({ k, v, onPick }: { k: string; v: string; onPick?: (p: LabelPair) => void }) {
  const text = `${k}=${v}`;
  return (
    <Chip
      className="max-w-56"
      title={text}
      onClick={onPick ? () => onPick({ key: k, value: v }) : undefined}
      clickLabel={onPick ? `Filter by ${text}` : undefined}
    >
      <span className="font-mono">{text}</span>
    </Chip>
  );
}
