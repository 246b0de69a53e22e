import * as React from "react";
import { cn } from "@/lib/utils";

// The base styles are the `btn` class and each variant and size one more (app/globals.css): short
// classes on every button, which a caller's utilities override by layer order. One class per
// choice is a lookup, so no variants library (class-variance-authority) in every first load.
const VARIANTS = {
  default: "btn-default",
  secondary: "btn-secondary",
  outline: "btn-outline",
  ghost: "btn-ghost",
  destructive: "btn-destructive",
  link: "btn-link",
};
const SIZES = { default: "btn-md", sm: "btn-sm", lg: "btn-lg", icon: "btn-icon", "icon-sm": "btn-icon-sm" };

type Variants = { variant?: keyof typeof VARIANTS | null; size?: keyof typeof SIZES | null };

/** A button's classes, for a link that looks like one too. */
export const buttonVariants = ({ variant, size }: Variants = {}) =>
  `btn ${VARIANTS[variant ?? "default"]} ${SIZES[size ?? "default"]}`;

export type ButtonProps = React.ComponentProps<"button"> & Variants;

/** A link styled as a button takes `buttonVariants(...)` as its class (no asChild: Radix Slot stays off every page's first load). */
export function Button({ className, variant, size, type, ...props }: ButtonProps) {
  return <button className={cn(buttonVariants({ variant, size }), className)} type={type ?? "button"} {...props} />;
}
