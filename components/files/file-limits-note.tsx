"use client";
import { Info } from "lucide-react";
import type { FileFeatures } from "@/lib/api/schemas/console";

/**
 * What this session's backend cannot do with files (AGB itself offers only its standard file
 * tools), said before the user tries it.
 */
export function FileLimitsNote({ features }: { features: FileFeatures }) {
  const limits = [
    !features.details && "Listings show names only: this backend reports no sizes or dates.",
    !features.recursiveDelete && "Folders can be deleted only when empty: this backend has no recursive delete.",
    !features.binaryUpload &&
      "Uploads must be UTF-8 text files: this backend cannot store other bytes unchanged, so binary files are refused. Downloads are exact.",
  ].filter((l): l is string => Boolean(l));
  if (limits.length === 0) return null;
  return (
    <div
      role="note"
      data-testid="file-limits"
      className="flex items-start gap-2 rounded-md border border-border bg-muted/40 px-3 py-2 text-xs text-muted-foreground"
    >
      <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />
      <ul className="space-y-0.5">
        {limits.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
