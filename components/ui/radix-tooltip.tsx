"use client";
import * as React from "react";
import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { cn } from "@/lib/utils";

function TooltipContent({
  className,
  sideOffset = 4,
  ...props
}: React.ComponentProps<typeof TooltipPrimitive.Content>) {
  return (
    <TooltipPrimitive.Portal>
      <TooltipPrimitive.Content
        sideOffset={sideOffset}
        className={cn(
          "z-50 max-w-[min(32rem,90vw)] rounded-md border border-border bg-popover px-2.5 py-1.5 text-xs break-all text-popover-foreground shadow-md",
          className,
        )}
        {...props}
      />
    </TooltipPrimitive.Portal>
  );
}

/** Radix's tooltip around one child, loaded by components/ui/tooltip.tsx once the child is hovered or focused. */
export default function RadixTooltip({
  content,
  children,
  side,
  open,
}: {
  content: React.ReactNode;
  children: React.ReactElement;
  side?: "top" | "bottom" | "left" | "right";
  /** The child had focus when this loaded (it is mounted anew): give focus back and show the tooltip. */
  open: boolean;
}) {
  const refocus = React.useCallback(
    (el: HTMLElement | null) => {
      if (open) el?.focus();
    },
    [open],
  );
  return (
    <TooltipPrimitive.Provider delayDuration={300}>
      <TooltipPrimitive.Root defaultOpen={open}>
        <TooltipPrimitive.Trigger asChild ref={refocus}>
          {children}
        </TooltipPrimitive.Trigger>
        <TooltipContent side={side}>{content}</TooltipContent>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
