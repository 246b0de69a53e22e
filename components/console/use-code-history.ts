"use client";
// Run history as an external store: one list per (session, language), shared by every component
// that shows it, in memory while streaming and written to localStorage when a run starts or ends.
import { useSyncExternalStore } from "react";
import type { Language } from "@/lib/api/schemas/console";
import { LIMITS, loadHistory, saveHistory, type KeyValueStorage } from "./history-store";
import type { RunRecord } from "./run-record";

const EMPTY: RunRecord[] = [];
const lists = new Map<string, RunRecord[]>();
const listeners = new Set<() => void>();

function storage(): KeyValueStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode): history lives for this page only
  }
}

const keyOf = (sessionId: string, language: Language) => `${sessionId}\u0000${language}`;

function get(sessionId: string, language: Language): RunRecord[] {
  const key = keyOf(sessionId, language);
  let list = lists.get(key);
  if (!list) {
    const s = storage();
    list = s ? loadHistory(s, sessionId, language) : [];
    lists.set(key, list);
  }
  return list;
}

/** Saves waiting per list: "soon" after the next paint, "later" after RUN_START_SAVE_MS. */
const pendingSaves = new Map<string, "soon" | "later">();
const RUN_START_SAVE_MS = 1_000;

/**
 * Runs fn in a task after the next frame: a plain setTimeout(0) queued when output arrives runs
 * before that output's frame and delays it. The second timer covers hidden tabs, where frames stop.
 */
function afterNextPaint(fn: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 250);
}

// Written after the browser has painted, once per burst: serializing a history with images
// must not sit between pressing Run and the request, or between the output and the screen.
// A run's start is saved later still (only a reload during a long run needs it): its output
// arrives meanwhile, and a short run's end saves it anyway.
function scheduleSave(sessionId: string, language: Language, when: "soon" | "later" = "soon") {
  const key = keyOf(sessionId, language);
  const pending = pendingSaves.get(key);
  if (pending === "soon" || pending === when) return;
  pendingSaves.set(key, when);
  const save = () => {
    if (pendingSaves.get(key) !== when) return; // superseded by a sooner save
    pendingSaves.delete(key);
    const s = storage();
    if (s) saveHistory(s, sessionId, language, lists.get(key) ?? []);
  };
  if (when === "soon") afterNextPaint(save);
  else setTimeout(save, RUN_START_SAVE_MS);
}

function set(sessionId: string, language: Language, runs: RunRecord[], persist: boolean | "later") {
  lists.set(keyOf(sessionId, language), runs);
  for (const l of listeners) l();
  if (persist) scheduleSave(sessionId, language, persist === "later" ? "later" : "soon");
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs started but not drawn yet (see `begin`), by id. They already count as busy, so a second
 * Ctrl+Enter meanwhile starts nothing.
 */
const unshown = new Map<string, { sessionId: string; run: RunRecord }>();
const SHOW_RUNNING_AFTER_MS = 100;

function show(id: string) {
  const u = unshown.get(id);
  if (!u) return;
  unshown.delete(id);
  codeHistory.add(u.sessionId, u.run);
}

export const codeHistory = {
  add(sessionId: string, run: RunRecord) {
    set(sessionId, run.language, [...get(sessionId, run.language), run].slice(-LIMITS.runs), "later");
  },
  /**
   * Adds a run that has just started once its first event arrives, or after SHOW_RUNNING_AFTER_MS.
   * A quick run then goes on screen once, with its output: drawing its "running" cell first cost a
   * frame (layout and paint of the shifted history) that the output, arriving a few ms later, waited for.
   */
  begin(sessionId: string, run: RunRecord) {
    unshown.set(run.id, { sessionId, run });
    setTimeout(() => show(run.id), SHOW_RUNNING_AFTER_MS);
  },
  update(sessionId: string, language: Language, id: string, fn: (r: RunRecord) => RunRecord, persist = false) {
    show(id);
    set(
      sessionId,
      language,
      get(sessionId, language).map((r) => (r.id === id ? fn(r) : r)),
      persist,
    );
  },
  remove(sessionId: string, language: Language, id: string) {
    set(
      sessionId,
      language,
      get(sessionId, language).filter((r) => r.id !== id),
      true,
    );
  },
  clear(sessionId: string, language: Language) {
    set(sessionId, language, [], true);
  },
  /** Saves the list as it is now, without notifying anyone (nothing on screen changes). */
  persist(sessionId: string, language: Language) {
    scheduleSave(sessionId, language);
  },
  isBusy(sessionId: string, language: Language) {
    for (const u of unshown.values()) if (u.sessionId === sessionId && u.run.language === language) return true;
    return runningId(sessionId, language) !== null;
  },
  find(sessionId: string, language: Language, id: string) {
    return get(sessionId, language).find((r) => r.id === id);
  },
};

function runningId(sessionId: string, language: Language): string | null {
  return get(sessionId, language).findLast((r) => r.status === "running")?.id ?? null;
}

/**
 * The id of the run in progress for (session, language), or null. A primitive snapshot, so a
 * component using it re-renders when a run starts or ends, not on every streamed chunk.
 */
export function useRunningRunId(sessionId: string, language: Language): string | null {
  return useSyncExternalStore(
    subscribe,
    () => runningId(sessionId, language),
    () => null,
  );
}

export function useCodeHistory(sessionId: string, language: Language): RunRecord[] {
  return useSyncExternalStore(
    subscribe,
    () => get(sessionId, language),
    () => EMPTY,
  );
}
