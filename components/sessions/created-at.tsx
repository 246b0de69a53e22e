"use client";
import { formatAge, formatDateTime } from "./format";
import { useNow } from "./use-now";

export function CreatedAt({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {now === null ? formatDateTime(iso) : formatAge(iso, now)}
    </time>
  );
}
