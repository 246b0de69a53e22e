import "server-only";
// Run code (whole result), interrupt, and the command runner.
import type { CodeRunResult, CommandResult } from "@/lib/api/schemas/console";
import type { AgbClient } from "@/lib/agb/client";
import { HttpError } from "../errors";
import { consoleSession } from "./session-tools";

export async function runCode(
  agb: AgbClient,
  sessionId: string,
  p: { code: string; language: string; timeoutS: number },
  signal?: AbortSignal,
): Promise<CodeRunResult> {
  return agb.runCode(sessionId, p, { signal });
}

export async function interruptCode(
  agb: AgbClient,
  sessionId: string,
  language: string,
): Promise<{ requestId: string }> {
  const s = await consoleSession(agb, sessionId);
  if (!s.tools.has("interrupt_code"))
    throw new HttpError(
      409,
      "unsupported",
      "This backend cannot interrupt running code; wait for the run's timeout instead.",
    );
  const r = await agb.callTool(sessionId, "interrupt_code", { language });
  if (!r.ok)
    throw new HttpError(409, "interrupt_failed", (r.text ?? "").trim() || "Nothing to interrupt", {
      requestId: r.requestId,
    });
  return { requestId: r.requestId };
}

export async function runCommand(
  agb: AgbClient,
  sessionId: string,
  p: { command: string; cwd?: string; envs: Record<string, string>; timeoutMs: number },
): Promise<CommandResult> {
  const t0 = performance.now();
  const r = await agb.runShell(sessionId, p);
  const durationMs = Math.round(performance.now() - t0);
  return { ...r, timedOut: r.exitCode === 124 && durationMs >= p.timeoutMs * 0.9, durationMs };
}
