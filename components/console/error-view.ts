// AGB's run_code carries an error as one string ("ZeroDivisionError: division by zero", name
// "ExecutionError", empty traceback) while the traceback itself arrives on stderr. This splits the
// string back into name and value and, when the error has no traceback, adopts the stderr chunk
// that holds it, so the error block shows name, value and traceback together without repeating it.
import { splitError, stripAnsi } from "@/lib/protocol/run-error";
import type { OutputChunk, RunRecord } from "./run-record";

export interface ErrorView {
  name: string;
  value: string;
  traceback: string;
  /** Index in run.output of the stderr chunk shown as the traceback, hidden from the stream. */
  adoptedChunk: number | null;
  /** Stderr printed before the traceback in that same chunk: still shown as stderr. */
  adoptedPrefix: string;
}

export function errorView(error: NonNullable<RunRecord["error"]>, output: OutputChunk[]): ErrorView {
  const { name, value } = splitError(error.name, error.value);
  const traceback = stripAnsi(error.traceback).trim();
  if (traceback) return { name, value, traceback, adoptedChunk: null, adoptedPrefix: "" };
  let last = -1;
  for (let i = output.length - 1; i >= 0; i--) {
    if (output[i].stream === "stderr") {
      last = i;
      break;
    }
  }
  if (last >= 0) {
    const text = stripAnsi(output[last].text);
    const needle = value || name;
    if (needle && text.includes(needle)) {
      // Consecutive stderr writes arrive merged: split off what was printed before the traceback.
      const start = tracebackStart(text, name);
      return {
        name,
        value,
        traceback: text.slice(start).trim(),
        adoptedChunk: last,
        adoptedPrefix: text.slice(0, start),
      };
    }
  }
  return { name, value, traceback: "", adoptedChunk: null, adoptedPrefix: "" };
}

/** Where the traceback begins in a stderr chunk: IPython's dashed rule, Python's or R's header,
 * or else the first line that starts with the error's name (JavaScript, Java). */
function tracebackStart(text: string, name: string): number {
  const strong = /^(?:-{20,}$|Traceback \(most recent call last\)|Error in )/m.exec(text);
  if (strong) return strong.index;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const byName = new RegExp(`^${escaped}\\b`, "m").exec(text);
  return byName ? byName.index : 0;
}

/** A run stopped by the user (KeyboardInterrupt), as opposed to one that failed or timed out. */
export function isInterruption(error: RunRecord["error"]): boolean {
  if (!error) return false;
  const { name } = splitError(error.name, error.value);
  return name === "KeyboardInterrupt" || name === "Interrupted" || name === "InterruptedException";
}
