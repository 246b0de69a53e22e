// One code run as the console keeps it: built up from stream events, stored in history.
import type { CodeStreamEvent, Language } from "@/lib/api/schemas/console";
import { isInterruption } from "./error-view";

export type OutputChunk = { stream: "stdout" | "stderr"; text: string };

export interface RunRecord {
  id: string;
  language: Language;
  code: string;
  startedAt: number;
  status: "running" | "ok" | "error" | "interrupted" | "failed";
  output: OutputChunk[];
  results: Record<string, unknown>[];
  error: { name: string; value: string; traceback: string } | null;
  executionCount: number | null;
  executionTimeS: number | null;
  /** Wall time seen by the browser, from pressing Run to the end event. */
  clientMs: number | null;
  requestId: string | null;
  /** Set when the stream itself failed (network, HTTP error), not the user's code. */
  failure: { message: string; requestId?: string } | null;
  /** True when stored output was cut to keep history small. */
  trimmed?: boolean;
}

export function newRun(language: Language, code: string, now = Date.now()): RunRecord {
  return {
    id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    language,
    code,
    startedAt: now,
    status: "running",
    output: [],
    results: [],
    error: null,
    executionCount: null,
    executionTimeS: null,
    clientMs: null,
    requestId: null,
    failure: null,
  };
}

/** Applies one stream event; consecutive chunks of one stream merge so long loops stay cheap. */
export function applyEvent(run: RunRecord, ev: CodeStreamEvent, now = Date.now()): RunRecord {
  switch (ev.type) {
    case "stdout":
    case "stderr": {
      const last = run.output[run.output.length - 1];
      const output =
        last && last.stream === ev.type
          ? [...run.output.slice(0, -1), { stream: ev.type, text: last.text + ev.chunk }]
          : [...run.output, { stream: ev.type, text: ev.chunk }];
      return { ...run, output };
    }
    case "result":
      return { ...run, results: [...run.results, ev.result] };
    case "error":
      return { ...run, error: ev.error };
    case "end": {
      const interrupted = run.status === "interrupted" || isInterruption(run.error);
      return {
        ...run,
        status: interrupted ? "interrupted" : ev.ok && !run.error ? "ok" : "error",
        executionCount: ev.executionCount,
        executionTimeS: ev.executionTimeS,
        requestId: ev.requestId || run.requestId,
        clientMs: now - run.startedAt,
      };
    }
  }
}

export function joinedOutput(run: RunRecord, stream: "stdout" | "stderr"): string {
  return run.output
    .filter((c) => c.stream === stream)
    .map((c) => c.text)
    .join("");
}
