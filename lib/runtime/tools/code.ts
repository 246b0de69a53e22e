/**
 * `run_code` (docs/protocol.md, "run_code") and `interrupt_code` (extension, for the dashboard's Stop button).
 *
 * The agent keeps one kernel per language per session (lib/runtime/agent/kernels). The answer is the
 * run_code result format as ONE text item: {result[], stdout[], stderr[], executionError?, error?,
 * execution_count, execution_time}. A code error is not a tool error: executionError makes the SDK
 * report success:false while keeping the logs. A missing language runtime is a tool error.
 */
import { z } from "zod";
import { CODE_IMAGE_IDS } from "../../protocol/images";
import { cgroupOomKills } from "../sandbox/cgroups";
import { formatBytes } from "./metrics";
import { zygoteForks, zygoteOf } from "../zygote/zygote";
import { defineTool, type ToolContext } from "./registry";
import { LANGUAGE_ALIASES, LANGUAGES } from "./session-limits";

export const RUN_TIMEOUT_S = { default: 60, max: 3600 } as const;
/** Worst kernel start (Java compiles its driver on first use) plus slack, on top of timeout_s. */
const START_ALLOWANCE_MS = 75_000;

const language = z
  .string({ error: (i) => (i.input === undefined ? "language is required" : "language must be a string") })
  .transform((s, ctx) => {
    const l = LANGUAGE_ALIASES[s.trim().toLowerCase()];
    if (!l) {
      ctx.addIssue({ code: "custom", message: `unsupported language "${s}"; supported: ${LANGUAGES.join(", ")}` });
      return z.NEVER;
    }
    return l;
  });

export const runCodeArgs = z.object({
  code: z
    .string({ error: (i) => (i.input === undefined ? "code is required" : "code must be a string") })
    .max(1_000_000, "code is longer than 1,000,000 characters"),
  language,
  timeout_s: z
    .number({ error: "timeout_s must be a number of seconds" })
    .positive("timeout_s must be positive")
    .max(RUN_TIMEOUT_S.max)
    .optional(),
});

export type RunCodeArgs = z.output<typeof runCodeArgs>;

export interface RunCodeResult {
  result: Record<string, unknown>[];
  stdout: string[];
  stderr: string[];
  executionError?: string;
  error?: { name: string; value: string; traceback: string };
  execution_count: number | null;
  execution_time: number;
  language: string;
}

/**
 * Shared by the tool and the WebSocket stream: runs a cell in the session's kernel. With the
 * session's slot, a failed run during which the kernel's OOM killer struck says so.
 */
export async function runCode(
  agent: ToolContext["agent"],
  a: RunCodeArgs,
  onEvent?: (e: unknown) => void,
  slot: number | null = null,
): Promise<RunCodeResult> {
  const timeout = a.timeout_s ?? RUN_TIMEOUT_S.default;
  // A session whose Python kernels come from the zygote: a run that finds none asks for one with
  // the same event as prewarm (no round trip first to make sure one exists).
  const zygote = a.language === "python" ? zygoteOf(agent) : null;
  const forks = zygote ? zygoteForks({ client: agent }, zygote) : null;
  const before = cgroupOomKills(slot);
  const r = await agent.call<RunCodeResult>(
    "run_code",
    {
      code: a.code,
      language: a.language,
      timeout_s: timeout,
      stream: Boolean(onEvent),
      ...(forks ? { zygote: true } : {}),
    },
    {
      timeoutMs: timeout * 1000 + START_ALLOWANCE_MS,
      onEvent: forks ? (e) => void (forks.onEvent(e) || onEvent?.(e)) : onEvent,
    },
  );
  const after = cgroupOomKills(slot);
  if ((r.error || r.executionError) && before && after && after.kills > before.kills) {
    const note = `killed: out of memory, limit ${formatBytes(after.limit)}`;
    if (r.error) r.error = { ...r.error, value: r.error.value ? `${note} (${r.error.value})` : note };
    r.executionError = r.executionError ? `${note}: ${r.executionError}` : note;
  }
  return r;
}

const languageSchema = {
  type: "string",
  enum: [...LANGUAGES],
  description: "python, javascript, java or r (aliases py, python3, js, node accepted)",
};

export const runCodeTool = defineTool({
  name: "run_code",
  description:
    "Run code in the session's stateful kernel for the language (Python/R via Jupyter, JavaScript via node:repl, Java via JShell); returns results (MIME bundles), stdout/stderr chunks and executionError as JSON.",
  args: runCodeArgs,
  inputSchema: {
    type: "object",
    properties: {
      code: { type: "string", description: "the code to run" },
      language: languageSchema,
      timeout_s: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: RUN_TIMEOUT_S.max,
        default: RUN_TIMEOUT_S.default,
        description: "interrupt the run after this many seconds (the kernel keeps its state)",
      },
    },
    required: ["code", "language"],
    additionalProperties: false,
  },
  images: CODE_IMAGE_IDS,
  async run(ctx, a) {
    const r = await runCode(ctx.agent, a, undefined, ctx.session.slot);
    return { isError: false, text: JSON.stringify(r) };
  },
});

export const interruptCodeTool = defineTool({
  name: "interrupt_code",
  description:
    "Interrupt the running cell of the session's kernel for a language (all languages when omitted); the kernel keeps its state.",
  args: z.object({ language: language.optional() }),
  inputSchema: {
    type: "object",
    properties: { language: languageSchema },
    additionalProperties: false,
  },
  images: CODE_IMAGE_IDS,
  async run(ctx, a) {
    const r = await ctx.agent.call<{ interrupted: string[] }>("interrupt", a.language ? { language: a.language } : {}, {
      timeoutMs: 10_000,
    });
    return { isError: false, text: JSON.stringify(r) };
  },
});

export const codeTools = [runCodeTool, interruptCodeTool];
