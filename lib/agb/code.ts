import "server-only";
// run_code (docs/protocol.md, "run_code"): language normalisation client-side and the SDK's result parsing
// (new / rich / legacy formats).
import { AgbError } from "./errors";
import { callTool } from "./tools";
import type { Transport } from "./transport";

export const CODE_LANGUAGES = ["python", "javascript", "java", "r"] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];
const ALIASES: Record<string, CodeLanguage> = {
  python3: "python",
  py: "python",
  js: "javascript",
  node: "javascript",
  nodejs: "javascript",
};

export function normaliseLanguage(raw: string): CodeLanguage {
  const l = String(raw ?? "")
    .trim()
    .toLowerCase();
  const canon = ALIASES[l] ?? l;
  if ((CODE_LANGUAGES as readonly string[]).includes(canon)) return canon as CodeLanguage;
  throw new AgbError("invalid_input", `Unsupported language: ${raw}. Supported: java, javascript, python, r`, {
    code: "InvalidParameter.Language",
  });
}

export interface CodeRun {
  ok: boolean;
  stdout: string[];
  stderr: string[];
  results: Record<string, unknown>[];
  error: { name: string; value: string; traceback: string } | null;
  executionCount: number | null;
  executionTimeS: number | null;
  requestId: string;
}

const SHORT_KEYS: Record<string, string> = {
  text: "text/plain",
  html: "text/html",
  markdown: "text/markdown",
  png: "image/png",
  jpeg: "image/jpeg",
  svg: "image/svg+xml",
  json: "application/json",
  latex: "text/latex",
  chart: "application/vnd.vegalite.v5+json",
  is_main_result: "isMainResult",
};

/** One result item as a MIME bundle with long keys; plain strings and JSON strings are accepted. */
function normaliseResultItem(item: unknown, depth = 0): Record<string, unknown> | null {
  if (typeof item === "string") {
    if (depth < 2) {
      try {
        const inner = JSON.parse(item);
        if (inner && typeof inner === "object") return normaliseResultItem(inner, depth + 1);
      } catch {
        /* a plain string result */
      }
    }
    return { "text/plain": item };
  }
  if (!item || typeof item !== "object" || Array.isArray(item)) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item as Record<string, unknown>)) out[SHORT_KEYS[k] ?? k] = v;
  return out;
}

const strArray = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x)))
    : typeof v === "string" && v
      ? [v]
      : [];
const numOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Parses run_code's text the way the SDK does; `toolIsError` is the envelope's data.isError. */
export function parseCodeText(text: string | undefined, toolIsError: boolean, requestId: string): CodeRun {
  const base: CodeRun = {
    ok: false,
    stdout: [],
    stderr: [],
    results: [],
    error: null,
    executionCount: null,
    executionTimeS: null,
    requestId,
  };
  if (!text) return { ...base, error: { name: "NoData", value: "No data returned", traceback: "" } };
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    obj = undefined;
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    if (toolIsError) return { ...base, stderr: [text], error: { name: "ToolError", value: text, traceback: "" } };
    return { ...base, ok: true, stdout: [text], results: [{ "text/plain": text, isMainResult: true }] };
  }
  let o = obj as Record<string, unknown>;
  const content = o.content;
  if (Array.isArray(content) && content[0] && typeof (content[0] as { text?: unknown }).text === "string") {
    try {
      const inner = JSON.parse((content[0] as { text: string }).text);
      if (inner && typeof inner === "object" && ("result" in inner || "executionError" in inner)) o = inner;
    } catch {
      /* legacy: content[0].text is the text result */
    }
  }
  const isError = toolIsError || Boolean(o.isError);
  if (Array.isArray(o.result)) {
    const execErr = typeof o.executionError === "string" && o.executionError ? o.executionError : "";
    const error = execErr
      ? { name: "ExecutionError", value: execErr, traceback: "" }
      : isError
        ? { name: "ToolError", value: strArray(o.stderr).join("") || "Tool execution failed", traceback: "" }
        : null;
    return {
      ok: !execErr && !isError,
      stdout: strArray(o.stdout),
      stderr: strArray(o.stderr),
      results: o.result.map((r) => normaliseResultItem(r)).filter((r): r is Record<string, unknown> => r !== null),
      error,
      executionCount: numOrNull(o.execution_count),
      executionTimeS: numOrNull(o.execution_time) ?? 0,
      requestId,
    };
  }
  if ("logs" in o || "results" in o) {
    const logs = (o.logs ?? {}) as { stdout?: unknown; stderr?: unknown };
    const e = o.error as { name?: unknown; value?: unknown; traceback?: unknown } | undefined;
    return {
      ok: !isError,
      stdout: strArray(logs.stdout),
      stderr: strArray(logs.stderr),
      results: (Array.isArray(o.results) ? o.results : [])
        .map((r) => normaliseResultItem(r))
        .filter((r): r is Record<string, unknown> => r !== null),
      error:
        e && typeof e === "object"
          ? { name: String(e.name ?? "Error"), value: String(e.value ?? ""), traceback: String(e.traceback ?? "") }
          : null,
      executionCount: numOrNull(o.execution_count),
      executionTimeS: numOrNull(o.execution_time) ?? 0,
      requestId,
    };
  }
  if (isError) {
    const msg = Array.isArray(content)
      ? content.map((c) => String((c as { text?: unknown }).text ?? "")).join("; ")
      : text;
    return { ...base, error: { name: "ToolError", value: `Error in response: ${msg}`, traceback: "" } };
  }
  const legacy =
    Array.isArray(content) && content[0] ? String((content[0] as { text?: unknown }).text ?? "") : JSON.stringify(o);
  return { ...base, ok: true, stdout: [], results: [{ "text/plain": legacy, isMainResult: true }] };
}

export async function runCode(
  t: Transport,
  sessionId: string,
  p: { code: string; language: string; timeoutS?: number },
  opts: { signal?: AbortSignal } = {},
): Promise<CodeRun> {
  const language = normaliseLanguage(p.language);
  const timeoutS = p.timeoutS ?? 60;
  // The HTTP call must outlive the run itself.
  const out = await callTool(
    t,
    sessionId,
    "run_code",
    { code: p.code, language, timeout_s: timeoutS },
    { timeoutMs: timeoutS * 1000 + 15_000, signal: opts.signal },
  );
  return parseCodeText(out.text, !out.ok, out.requestId);
}
