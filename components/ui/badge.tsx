import * as React from "react";
import { X } from "lucide-react";
import { cn } from "@/lib/utils";

// The base styles are the `badge` class (app/globals.css), each variant's colours a few utilities.
const VARIANTS = {
  default: "border-transparent bg-primary text-primary-foreground",
  secondary: "border-transparent bg-secondary text-secondary-foreground",
  outline: "border-border text-foreground",
  success: "border-transparent bg-success/15 text-success",
  warning: "border-transparent bg-warning/15 text-warning",
  destructive: "border-transparent bg-destructive/15 text-destructive",
};

export function Badge({
  className,
  variant,
  ...props
}: React.ComponentProps<"span"> & { variant?: keyof typeof VARIANTS | null }) {
  return <span className={cn("badge", VARIANTS[variant ?? "secondary"], className)} {...props} />;
}

/**
 * A label chip (classes `chip` and `chip-btn`, app/globals.css). With `onClick` the chip itself is
 * a button (e.g. "filter by this label"); with `onRemove` it gets a separate × button named
 * `removeLabel`.
 */
export function Chip({
  children,
  title,
  onClick,
  clickLabel,
  onRemove,
  removeLabel,
  className,
}: {
  children: React.ReactNode;
  title?: string;
  onClick?: () => void;
  clickLabel?: string;
  onRemove?: () => void;
  removeLabel?: string;
  className?: string;
}) {
  const inner = <span className="min-w-0 truncate">{children}</span>;
  // A chip that is only a button is one element: a page repeats it three times on each of 50 rows.
  if (onClick && !onRemove)
    return (
      <button
        type="button"
        onClick={onClick}
        aria-label={clickLabel}
        title={title}
        className={cn("chip chip-btn", className)}
      >
        {inner}
      </button>
    );
  return (
    <span className={cn("chip", className)} title={title}>
      {onClick ? (
        <button type="button" onClick={onClick} aria-label={clickLabel} className="chip-btn">
          {inner}
        </button>
      ) : (
        <span className="flex min-w-0 items-center px-2.5">{inner}</span>
      )}
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          aria-label={removeLabel ?? "Remove"}
          className="-ml-1.5 mr-0.5 flex size-5 shrink-0 cursor-pointer items-center justify-center rounded-full text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <X className="size-3" aria-hidden />
        </button>
      ) : null}
    </span>
  );
}
