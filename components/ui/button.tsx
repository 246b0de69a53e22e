import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/utils";

// The base styles are the `btn` class and each variant and size one more (app/globals.css): short
// classes on every button, which a caller's utilities override by layer order.
export const buttonVariants = cva("btn", {
  variants: {
    variant: {
      default: "btn-default",
      secondary: "btn-secondary",
      outline: "btn-outline",
      ghost: "btn-ghost",
      destructive: "btn-destructive",
      link: "btn-link",
    },
    size: { default: "btn-md", sm: "btn-sm", lg: "btn-lg", icon: "btn-icon", "icon-sm": "btn-icon-sm" },
  },
  defaultVariants: { variant: "default", size: "default" },
});

export type ButtonProps = React.ComponentProps<"button"> & VariantProps<typeof buttonVariants>;

/** A link styled as a button takes `buttonVariants(...)` as its class (no asChild: Radix Slot stays off every page's first load). */
export function Button({ className, variant, size, type, ...props }: ButtonProps) {
  return <button className={cn(buttonVariants({ variant, size }), className)} type={type ?? "button"} {...props} />;
}
