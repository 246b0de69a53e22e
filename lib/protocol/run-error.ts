// How a run's error reads. Tracebacks from IPython and IRkernel carry ANSI colour codes; we show
// plain text. AGB's run_code carries an error as one string ("ZeroDivisionError: division by
// zero", name "ExecutionError"): splitError gives name and value back. Shared by the console's
// error block and the audit record of a run.

// Covers CSI sequences (ESC [ ... final byte), OSC sequences (ESC ] ... BEL/ST) and lone ESC pairs.
const ANSI =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

const NAMED = /^([A-Za-z_][\w.]*)\s*:\s*([\s\S]*)$/;
const BARE = /^[A-Za-z_][\w.]*$/;
const GENERIC = new Set(["", "ExecutionError", "Error"]);

export function splitError(name: string, value: string): { name: string; value: string } {
  const v = stripAnsi(value).trim();
  if (!GENERIC.has(name)) return { name, value: v };
  const m = NAMED.exec(v);
  if (m) return { name: m[1], value: m[2].trim() };
  if (BARE.test(v)) return { name: v, value: "" };
  return { name: name || "Error", value: v };
}

/** Longest error line kept in an audit record. */
const MAX_LINE = 300;

/** "ZeroDivisionError: division by zero": the error's name and its value's first line, for a record. */
export function errorLine(error: { name: string; value: string }): string {
  const { name, value } = splitError(error.name, error.value);
  const first = value.split("\n", 1)[0].trim();
  const line = first ? `${name}: ${first}` : name;
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}
