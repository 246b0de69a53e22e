"use client";
import { CopyButton } from "@/components/ui/copy-button";

/** A link or password the server will not show again: selectable, copyable, and said so. */
export function SecretOnce({ label, value, children }: { label: string; value: string; children?: React.ReactNode }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-warning/40 bg-warning/5 p-3">
      <p className="text-sm">{children}</p>
      <div className="flex items-center gap-1">
        <code
          aria-label={label}
          data-testid="secret-once"
          className="min-w-0 flex-1 rounded bg-muted px-2 py-1.5 font-mono text-xs break-all select-all"
        >
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} className="shrink-0" />
      </div>
      <p className="text-xs text-muted-foreground">Shown once: the dashboard keeps only its hash.</p>
    </div>
  );
}
