import { ApiError } from "@/lib/api/client";

/** Maps a 422's issues (`labels.<key>` paths) to per-key messages; the rest become one form message. */
export function serverLabelErrors(error: unknown): { byKey: Record<string, string>; form: string | null } {
  if (!(error instanceof ApiError))
    return { byKey: {}, form: error ? String((error as Error).message ?? error) : null };
  const byKey: Record<string, string> = {};
  const other: string[] = [];
  for (const i of error.issues ?? []) {
    const m = /^labels\.(.+)$/.exec(i.path);
    if (m) byKey[m[1]] = i.message;
    else other.push(i.path ? `${i.path}: ${i.message}` : i.message);
  }
  const form = other.length ? other.join("; ") : Object.keys(byKey).length ? null : error.message;
  return { byKey, form };
}
