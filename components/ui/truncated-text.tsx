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
      {/* `tip` (app/globals.css): one short class, as a table repeats it on every row. */}
      <span role="tooltip" aria-hidden className="tip">
        {text}
      </span>
    </span>
  );
}
