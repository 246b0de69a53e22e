"use client";
import * as React from "react";
import { cn } from "@/lib/utils";

type Props = Omit<React.ComponentProps<"input">, "type" | "checked" | "onChange"> & {
  checked: boolean | "indeterminate";
  onCheckedChange: (checked: boolean) => void;
};

/** A native checkbox (keyboard, forms and screen readers for free); "indeterminate" for partial selection. */
export function Checkbox({ checked, onCheckedChange, className, ...props }: Props) {
  const ref = React.useRef<HTMLInputElement>(null);
  React.useEffect(() => {
    if (ref.current) ref.current.indeterminate = checked === "indeterminate";
  }, [checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      checked={checked === true}
      aria-checked={checked === "indeterminate" ? "mixed" : checked}
      onChange={(e) => onCheckedChange(e.target.checked)}
      className={cn(
        "size-4 shrink-0 cursor-pointer rounded-sm accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
