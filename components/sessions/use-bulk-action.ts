"use client";
import { useCallback, useRef, useState } from "react";
import { ApiError } from "@/lib/api/client";
import type { BulkResult } from "@/lib/api/schemas/sessions";
import { invalidateKnownLabels } from "@/components/labels/use-known-labels";
import { invalidateSessionLists } from "./list-cache";

export type BulkFailure = { sessionId: string; code: string; message: string; requestId?: string };
export type BulkProgress = { done: number; total: number; failures: BulkFailure[]; running: boolean };

/** Chunks keep each request short and let the dialog show real progress over 10,000 ids. */
export const BULK_CHUNK = 200;

/** One bulk endpoint called with a chunk of ids. */
export type BulkRequest = (ids: string[]) => Promise<BulkResult>;

/**
 * Runs a bulk endpoint over many ids chunk by chunk, collecting per-session failures. A chunk
 * that fails as a whole (network, 5xx) marks each of its ids failed with that error and goes on.
 */
export function useBulkAction() {
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const cancelled = useRef(false);

  const run = useCallback(async (ids: string[], req: BulkRequest): Promise<BulkProgress> => {
    cancelled.current = false;
    const state: BulkProgress = { done: 0, total: ids.length, failures: [], running: true };
    setProgress({ ...state });
    for (let i = 0; i < ids.length && !cancelled.current; i += BULK_CHUNK) {
      const chunk = ids.slice(i, i + BULK_CHUNK);
      try {
        const r = await req(chunk);
        for (const x of r.results) {
          if (!x.ok)
            state.failures.push({
              sessionId: x.sessionId,
              code: x.error?.code ?? "failed",
              message: x.error?.message ?? "Failed",
              requestId: x.error?.requestId,
            });
        }
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, "failed", (e as Error).message);
        for (const id of chunk)
          state.failures.push({ sessionId: id, code: err.code, message: err.message, requestId: err.requestId });
      }
      state.done += chunk.length;
      setProgress({ ...state, failures: [...state.failures] });
    }
    state.running = false;
    setProgress({ ...state, failures: [...state.failures] });
    invalidateSessionLists({ rowLabels: true, details: true });
    invalidateKnownLabels();
    return state;
  }, []);

  const cancel = useCallback(() => {
    cancelled.current = true;
  }, []);
  const reset = useCallback(() => setProgress(null), []);
  return { progress, run, cancel, reset };
}
