"use client";
import { Eye } from "lucide-react";
import { cn } from "@/lib/utils";
import { useCurrentUser } from "./current-user";

/**
 * Shown instead of controls the user's role cannot use (the server refuses them anyway, 403):
 * says what the role can do and whom to ask, rather than offering buttons that fail.
 */
export function RoleNotice({ children, className }: { children: React.ReactNode; className?: string }) {
  const role = useCurrentUser()?.role ?? "viewer";
  return (
    <p
      role="note"
      data-testid="role-notice"
      className={cn(
        "flex items-start gap-2 rounded-md border border-dashed border-border px-3 py-2.5 text-sm text-muted-foreground",
        className,
      )}
    >
      <Eye className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        Your role ({role}) can look but not {children}. Ask an admin for the operator role if you need to.
      </span>
    </p>
  );
}
