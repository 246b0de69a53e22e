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

const pendingSaves = new Set<string>();

function set(sessionId: string, language: Language, runs: RunRecord[], persist: boolean) {
  const key = keyOf(sessionId, language);
  lists.set(key, runs);
  for (const l of listeners) l();
  // Written after the browser has painted, once per burst: serializing a history with images
  // must not sit between pressing Run and the request, or between the output and the screen.
  if (persist && !pendingSaves.has(key)) {
    pendingSaves.add(key);
    setTimeout(() => {
      pendingSaves.delete(key);
      const s = storage();
      if (s) saveHistory(s, sessionId, language, lists.get(key) ?? []);
    }, 0);
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const codeHistory = {
  add(sessionId: string, run: RunRecord) {
    set(sessionId, run.language, [...get(sessionId, run.language), run].slice(-LIMITS.runs), true);
  },
  update(sessionId: string, language: Language, id: string, fn: (r: RunRecord) => RunRecord, persist = false) {
    set(sessionId, language, get(sessionId, language).map((r) => (r.id === id ? fn(r) : r)), persist);
  },
  remove(sessionId: string, language: Language, id: string) {
    set(sessionId, language, get(sessionId, language).filter((r) => r.id !== id), true);
  },
  clear(sessionId: string, language: Language) {
    set(sessionId, language, [], true);
  },
  isBusy(sessionId: string, language: Language) {
    return get(sessionId, language).some((r) => r.status === "running");
  },
  find(sessionId: string, language: Language, id: string) {
    return get(sessionId, language).find((r) => r.id === id);
  },
};

export function useCodeHistory(sessionId: string, language: Language): RunRecord[] {
  return useSyncExternalStore(
    subscribe,
    () => get(sessionId, language),
    () => EMPTY,
  );
}
