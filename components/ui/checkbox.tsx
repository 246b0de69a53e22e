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
      className={cn("checkbox", className)}
      {...props}
    />
  );
}
