// Shell-style history for the command line: Up walks back through earlier commands, Down walks
// forward and finally returns the line the user was typing before they started walking.
export const COMMAND_HISTORY_LIMIT = 100;

export interface HistoryCursor {
  /** Index into entries while walking, or null when editing the draft. */
  index: number | null;
  draft: string;
}

export const initialCursor: HistoryCursor = { index: null, draft: "" };

export function stepHistory(
  entries: string[],
  cursor: HistoryCursor,
  current: string,
  direction: "up" | "down",
): { cursor: HistoryCursor; value: string } | null {
  if (entries.length === 0) return null;
  if (direction === "up") {
    if (cursor.index === null)
      return { cursor: { index: entries.length - 1, draft: current }, value: entries[entries.length - 1] };
    if (cursor.index === 0) return null;
    return { cursor: { ...cursor, index: cursor.index - 1 }, value: entries[cursor.index - 1] };
  }
  if (cursor.index === null) return null;
  if (cursor.index === entries.length - 1) return { cursor: { index: null, draft: "" }, value: cursor.draft };
  return { cursor: { ...cursor, index: cursor.index + 1 }, value: entries[cursor.index + 1] };
}

/** Adds a run command at the end, dropping an identical earlier entry and the oldest beyond the limit. */
export function pushHistory(entries: string[], command: string, limit = COMMAND_HISTORY_LIMIT): string[] {
  const trimmed = command.trim();
  if (!trimmed) return entries;
  return [...entries.filter((e) => e !== trimmed), trimmed].slice(-limit);
}

const key = (sessionId: string) => `agb-console:v1:commands:${sessionId}`;

export function loadCommandHistory(sessionId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key(sessionId)) ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((x): x is string => typeof x === "string").slice(-COMMAND_HISTORY_LIMIT)
      : [];
  } catch {
    return [];
  }
}

export function saveCommandHistory(sessionId: string, entries: string[]) {
  try {
    window.localStorage.setItem(key(sessionId), JSON.stringify(entries));
  } catch {
    /* not remembered across reloads, still works in memory */
  }
}
