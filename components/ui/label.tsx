import * as React from "react";
import { cn } from "@/lib/utils";

export function Label({ className, ...props }: React.ComponentProps<"label">) {
  return <label className={cn("text-sm font-medium leading-none text-foreground", className)} {...props} />;
}

/** The message under a field: an error (role=alert so screen readers hear it) or a hint. */
export function FieldMessage({
  id,
  error,
  children,
  className,
}: {
  id?: string;
  error?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  if (!children) return null;
  return (
    <p
      id={id}
      role={error ? "alert" : undefined}
      className={cn("text-xs", error ? "text-destructive" : "text-muted-foreground", className)}
    >
      {children}
    </p>
  );
}
