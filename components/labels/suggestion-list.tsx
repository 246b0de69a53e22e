"use client";
// The label filter's suggestions: their ranking and their listbox, loaded on the filter's first focus.
import { cn } from "@/lib/utils";
import type { Suggestion } from "./label-suggestions";

export { suggestLabels } from "./label-suggestions";

export function SuggestionList({
  id,
  suggestions,
  active,
  show,
  onActive,
  onPick,
}: {
  id: string;
  suggestions: Suggestion[];
  active: number;
  show: boolean;
  onActive: (i: number) => void;
  onPick: (s: Suggestion) => void;
}) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Label suggestions"
      className={cn(
        "absolute top-full right-0 left-0 z-30 mt-1 max-h-72 overflow-y-auto rounded-md border border-border bg-popover p-1 text-sm text-popover-foreground shadow-md",
        !show && "hidden",
      )}
    >
      {suggestions.map((s, i) => (
        <li
          key={s.kind === "key" ? `k:${s.key}` : `v:${s.value}`}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={cn(
            "flex cursor-pointer items-center justify-between gap-2 rounded-sm px-2 py-1.5",
            i === active && "bg-accent text-accent-foreground",
          )}
          // Keeps the focus in the input, so the pick does not close the list first.
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => onActive(i)}
          onClick={() => onPick(s)}
        >
          <span className="min-w-0 truncate font-mono text-xs">
            {s.kind === "key" ? `${s.key}=` : `${s.key}=${s.value}`}
          </span>
          {s.kind === "key" ? <span className="shrink-0 text-xs text-muted-foreground">{s.count} sessions</span> : null}
        </li>
      ))}
    </ul>
  );
}
