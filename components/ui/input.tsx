import * as React from "react";
import { cn } from "@/lib/utils";

/** Its styles are the `field` class (app/globals.css), which a caller's utilities override. */
export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return <input type={type} className={cn("field", className)} {...props} />;
}
