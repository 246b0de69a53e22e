"use client";
import * as React from "react";
import { cn } from "@/lib/utils";
import { Tooltip } from "./tooltip";

/**
 * One line that ends in "…" when too long. Only long strings get a tooltip (and a tab stop so
 * keyboard users can read it): a page of 100 rows × 64 labels must not mount 6,400 tooltips.
 */
export function TruncatedText({ text, className, threshold = 24, as: As = "span" }: { text: string; className?: string; threshold?: number; as?: "span" | "code" }) {
  const el = <As className={cn("block min-w-0 truncate", className)}>{text}</As>;
  if (text.length <= threshold) return el;
  return (
    <Tooltip content={text}>
      <As tabIndex={0} className={cn("block min-w-0 truncate rounded-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring", className)}>
        {text}
      </As>
    </Tooltip>
  );
}
