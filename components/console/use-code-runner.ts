"use client";
// Run and Stop for one session: starts a streamed run, folds its events into the history entry,
// and interrupts through the kernel (falling back to dropping the stream if the kernel does not answer).
// On a backend that cannot interrupt (AGB itself), `detach` only stops listening, and says so.
import { useCallback, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, isNotFound } from "@/lib/api/client";
import type { CodeStreamEvent, Language } from "@/lib/api/schemas/console";
import { queryKeys } from "@/lib/query-keys";
import { recheckSessionPages } from "@/components/query/recheck-session";
import { codeHistory } from "./use-code-history";
import { streamCode } from "./code-stream";
import { applyEvent, newRun } from "./run-record";
import { useInterruptCode } from "./use-interrupt-code";

const STOP_GRACE_MS = 5_000;
const DETACHED =
  "Stopped waiting for this run. This backend cannot interrupt running code, so it may still be running in the session until it ends or reaches its timeout; the next run waits for it.";

export function useCodeRunner(sessionId: string) {
  const interrupt = useInterruptCode(sessionId);
  const queryClient = useQueryClient();
  const controllers = useRef(new Map<string, AbortController>());
  const detached = useRef(new Set<string>());
  const [stopping, setStopping] = useState<Set<Language>>(new Set());

  const run = useCallback(
    (language: Language, code: string, timeoutS: number) => {
      const record = newRun(language, code);
      const controller = new AbortController();
      controllers.current.set(record.id, controller);
      const update = (fn: Parameters<typeof codeHistory.update>[3], persist = false) =>
        codeHistory.update(sessionId, language, record.id, fn, persist);
      // streamCode directly, not through a react-query mutation: the mutation's state changes
      // re-rendered the whole tab (editor included) on every run, and nothing reads that state.
      let sessionGone = false;
      const onEvent = (ev: CodeStreamEvent) => {
        if (ev.type === "error" && ev.error.name === "not_found") sessionGone = true;
        update((r) => applyEvent(r, ev));
      };
      streamCode({ sessionId, language, code, timeoutS }, onEvent, controller.signal)
        .then(
          () => codeHistory.persist(sessionId, language),
          (e: Error) => {
            if (isNotFound(e)) sessionGone = true;
            const aborted = e.name === "AbortError";
            const failure = aborted
              ? detached.current.has(record.id)
                ? { message: DETACHED }
                : null
              : { message: e.message, requestId: e instanceof ApiError ? e.requestId : undefined };
            update(
              (r) => ({
                ...r,
                status: aborted ? "interrupted" : "failed",
                clientMs: Date.now() - r.startedAt,
                failure,
              }),
              true,
            );
          },
        )
        .finally(() => {
          // The run is in the session's History now (a stream, not a mutation: see above).
          void queryClient.invalidateQueries({ queryKey: queryKeys.audit.session(sessionId) });
          if (sessionGone) recheckSessionPages(queryClient); // as the query client does for a 404
          controllers.current.delete(record.id);
          detached.current.delete(record.id);
          setStopping((s) => {
            if (!s.has(language)) return s; // no re-render when no Stop was pressed
            const next = new Set(s);
            next.delete(language);
            return next;
          });
        });
      // Begun after the request is on its way; its events arrive asynchronously, after this.
      codeHistory.begin(sessionId, record);
      return record.id;
    },
    [sessionId, queryClient],
  );

  const stop = useCallback(
    (language: Language, runId: string) => {
      setStopping((s) => new Set(s).add(language));
      interrupt.mutate(language);
      setTimeout(() => {
        // The kernel did not end the run in time: stop listening so the page is usable again.
        if (codeHistory.find(sessionId, language, runId)?.status === "running") controllers.current.get(runId)?.abort();
      }, STOP_GRACE_MS);
    },
    [interrupt, sessionId],
  );

  /** Stops listening to a run without interrupting it (for backends that cannot interrupt). */
  const detach = useCallback((runId: string) => {
    detached.current.add(runId);
    controllers.current.get(runId)?.abort();
  }, []);

  return { run, stop, detach, stopping };
}
