"use client";
// Progress of reading the pages before a page whose cursor the browser does not know, and whether
// anyone still looks at that page: a walk toward a page the user left waits (it may be 200 AGB
// calls), and goes on where it stopped if they come back to it.
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

const shown = new Map<string, number>();
const waiting = new Map<string, (() => void)[]>();

/** A list on screen shows this view (until the returned function is called). */
export function showView(key: string): () => void {
  shown.set(key, (shown.get(key) ?? 0) + 1);
  for (const go of waiting.get(key) ?? []) go();
  waiting.delete(key);
  return () => {
    const n = (shown.get(key) ?? 1) - 1;
    if (n > 0) shown.set(key, n);
    else shown.delete(key);
  };
}

/** Resolves once a list shows the view: at once while one does. */
export function untilShown(key: string): Promise<void> {
  if (shown.has(key)) return Promise.resolve();
  return new Promise((go) => waiting.set(key, [...(waiting.get(key) ?? []), go]));
}

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
