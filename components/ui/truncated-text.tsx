import * as React from "react";
import { cn } from "@/lib/utils";

/**
 * One line that ends in "…" when too long. Long strings get a CSS-only tooltip (hover, or focus:
 * they become a tab stop) so a table of them costs no script and no positioning library.
 */
export function TruncatedText({
  text,
  className,
  threshold = 24,
  as: As = "span",
}: {
  text: string;
  className?: string;
  threshold?: number;
  as?: "span" | "code";
}) {
  if (text.length <= threshold) return <As className={cn("block min-w-0 truncate", className)}>{text}</As>;
  return (
    <span className="group relative block min-w-0">
      <As
        tabIndex={0}
        aria-label={text}
        className={cn(
          "block min-w-0 truncate rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
          className,
        )}
      >
        {text}
      </As>
      <span
        role="tooltip"
        aria-hidden
        className="pointer-events-none invisible absolute top-full left-0 z-50 mt-1 w-max max-w-[min(28rem,80vw)] rounded-md border border-border bg-popover px-2.5 py-1.5 text-xs break-all whitespace-normal text-popover-foreground opacity-0 shadow-md transition-opacity delay-300 group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100"
      >
        {text}
      </span>
    </span>
  );
}
