"use client";
import { CopyButton } from "@/components/ui/copy-button";

export function SessionRawJson({ raw }: { raw: unknown }) {
  const text = JSON.stringify(raw, null, 2) ?? "null";
  return (
    <details className="group rounded-lg border border-border">
      <summary className="cursor-pointer rounded-lg px-4 py-3 font-semibold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
        Raw JSON <span className="text-xs font-normal text-muted-foreground">(as the backend returned it)</span>
      </summary>
      <div className="relative border-t border-border">
        <CopyButton value={text} label="Copy raw JSON" className="absolute top-2 right-2" />
        <pre className="max-h-96 overflow-auto p-4 font-mono text-xs" tabIndex={0} aria-label="Raw session JSON">
          {text}
        </pre>
      </div>
    </details>
  );
}
