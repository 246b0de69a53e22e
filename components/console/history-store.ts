// Notebook-like run history per session and language, kept in localStorage across reloads.
// Bounded three ways so one chatty session cannot fill the origin's quota: runs per list,
// characters per list (big outputs are trimmed first, oldest runs dropped next), and the
// number of sessions remembered (least recently saved forgotten first).
import type { Language } from "@/lib/api/schemas/console";
import type { RunRecord } from "./run-record";

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

const PREFIX = "agb-console:v1:";
export const LIMITS = { runs: 40, chars: 400_000, runChars: 120_000, sessions: 30 };

export const historyKey = (sessionId: string, language: Language) => `${PREFIX}history:${sessionId}:${language}`;
export const draftKey = (sessionId: string, language: Language) => `${PREFIX}draft:${sessionId}:${language}`;

interface Stored {
  savedAt: number;
  runs: RunRecord[];
}

function isRun(v: unknown): v is RunRecord {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Partial<RunRecord>;
  return typeof r.id === "string" && typeof r.code === "string" && Array.isArray(r.output) && Array.isArray(r.results);
}

export function loadHistory(storage: KeyValueStorage, sessionId: string, language: Language): RunRecord[] {
  const raw = storage.getItem(historyKey(sessionId, language));
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as Partial<Stored>;
    const runs = Array.isArray(parsed.runs) ? parsed.runs.filter(isRun) : [];
    // A run still "running" in storage was cut off by a reload: it will never finish.
    return runs.map((r) => (r.status === "running" ? { ...r, status: "interrupted" as const } : r));
  } catch {
    return [];
  }
}

/** Drops rich results and long output of one run, keeping its code and a short tail. */
export function trimRun(run: RunRecord, maxChars = LIMITS.runChars): RunRecord {
  if (JSON.stringify(run).length <= maxChars) return run;
  const tail = Math.floor(maxChars / 4);
  const output = run.output.map((c) => (c.text.length > tail ? { ...c, text: "…" + c.text.slice(-tail) } : c));
  const results = run.results.filter((r) => JSON.stringify(r).length <= tail);
  return { ...run, output, results, trimmed: true, code: run.code.length > tail ? run.code.slice(0, tail) : run.code };
}

export function boundRuns(runs: RunRecord[]): RunRecord[] {
  let kept = runs.slice(-LIMITS.runs).map((r) => trimRun(r));
  while (kept.length > 1 && JSON.stringify(kept).length > LIMITS.chars) kept = kept.slice(1);
  return kept;
}

function forgetOldSessions(storage: KeyValueStorage, keepKey: string) {
  const entries: { key: string; savedAt: number }[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key || !key.startsWith(`${PREFIX}history:`) || key === keepKey) continue;
    let savedAt = 0;
    try {
      savedAt = Number((JSON.parse(storage.getItem(key) ?? "{}") as Partial<Stored>).savedAt) || 0;
    } catch {
      /* unreadable entries sort first and go first */
    }
    entries.push({ key, savedAt });
  }
  const sessions = new Set(entries.map((e) => e.key.split(":").slice(0, -1).join(":")));
  if (sessions.size < LIMITS.sessions) return;
  entries.sort((a, b) => a.savedAt - b.savedAt);
  const excess = sessions.size - LIMITS.sessions + 1;
  const dropped = new Set<string>();
  for (const e of entries) {
    const session = e.key.split(":").slice(0, -1).join(":");
    if (dropped.size >= excess && !dropped.has(session)) break;
    dropped.add(session);
    storage.removeItem(e.key);
    storage.removeItem(e.key.replace(`${PREFIX}history:`, `${PREFIX}draft:`));
  }
}

/** Saves the list; on a quota error drops the oldest runs until it fits (or gives up quietly). */
export function saveHistory(
  storage: KeyValueStorage,
  sessionId: string,
  language: Language,
  runs: RunRecord[],
  now = Date.now(),
) {
  const key = historyKey(sessionId, language);
  // Only a list not stored yet can push the count of sessions over the limit.
  if (storage.getItem(key) === null) forgetOldSessions(storage, key);
  let kept = boundRuns(runs);
  for (;;) {
    try {
      storage.setItem(key, JSON.stringify({ savedAt: now, runs: kept } satisfies Stored));
      return kept;
    } catch {
      if (kept.length === 0) return kept;
      kept = kept.slice(Math.max(1, Math.floor(kept.length / 2)));
    }
  }
}

export function loadDraft(storage: KeyValueStorage, sessionId: string, language: Language): string | null {
  return storage.getItem(draftKey(sessionId, language));
}

export function saveDraft(storage: KeyValueStorage, sessionId: string, language: Language, code: string) {
  try {
    storage.setItem(draftKey(sessionId, language), code.slice(0, LIMITS.runChars));
  } catch {
    /* a draft that does not fit is simply not remembered */
  }
}
