"use client";
// Progress of reading the pages before a page whose cursor the browser does not know.
import { useSyncExternalStore } from "react";
import type { SessionsView } from "./url-state";

export type WalkStep = { at: number; target: number };

const steps = new Map<string, WalkStep>();
const listeners = new Set<() => void>();

export const walkKey = (v: SessionsView) => `${JSON.stringify(v.labels)}|${v.size}|${v.page}`;

export const walkProgress = {
  set(key: string, step: WalkStep | null) {
    if (step) steps.set(key, step);
    else if (!steps.delete(key)) return;
    listeners.forEach((l) => l());
  },
};

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useWalkProgress(view: SessionsView): WalkStep | null {
  const key = walkKey(view);
  return useSyncExternalStore(
    subscribe,
    () => steps.get(key) ?? null,
    () => null,
  );
}
