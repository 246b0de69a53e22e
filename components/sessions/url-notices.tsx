"use client";
import { Info, X } from "lucide-react";
import { Button } from "@/components/ui/button";

export function UrlNotices({ notices, onDismiss }: { notices: string[]; onDismiss: () => void }) {
  if (notices.length === 0) return null;
  return (
    <div
      role="status"
      className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
      data-testid="url-notice"
    >
      <Info className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium">Part of this link was ignored</p>
        <ul className="list-disc space-y-0.5 pl-4 text-muted-foreground">
          {notices.map((n, i) => (
            <li key={i} className="break-words">
              {n}
            </li>
          ))}
        </ul>
      </div>
      <Button variant="ghost" size="icon-sm" aria-label="Dismiss notice" onClick={onDismiss}>
        <X aria-hidden />
      </Button>
    </div>
  );
}
