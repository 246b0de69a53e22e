import "server-only";
// The shell tool (docs/protocol.md, "shell"): both success styles (A: isError false with exit_code != 0;
// B: isError true with the same JSON).
import { AgbError } from "./errors";
import { callTool } from "./tools";
import type { Transport } from "./transport";

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  requestId: string;
}

export async function runShell(
  t: Transport,
  sessionId: string,
  p: { command: string; timeoutMs?: number; cwd?: string; envs?: Record<string, string> },
): Promise<ShellResult> {
  if (typeof p.command !== "string" || p.command.trim() === "")
    throw new AgbError("invalid_input", "command is required", { code: "InvalidParameter.Command" });
  for (const [k, v] of Object.entries(p.envs ?? {}))
    if (typeof k !== "string" || typeof v !== "string")
      throw new AgbError("invalid_input", "Environment variable names and values must be strings");
  const timeoutMs = p.timeoutMs ?? 1000;
  const args: Record<string, unknown> = { command: p.command, timeout_ms: timeoutMs };
  if (p.cwd) args.cwd = p.cwd;
  if (p.envs && Object.keys(p.envs).length > 0) args.envs = p.envs;
  const out = await callTool(t, sessionId, "shell", args, { timeoutMs: timeoutMs + 15_000 });
  const text = out.text ?? "";
  let parsed: Record<string, unknown> | null = null;
  try {
    const j = JSON.parse(text);
    if (j && typeof j === "object" && !Array.isArray(j)) parsed = j;
  } catch {
    parsed = null;
  }
  if (!parsed)
    return out.ok
      ? { stdout: text, stderr: "", exitCode: 0, requestId: out.requestId }
      : { stdout: "", stderr: text, exitCode: -1, requestId: out.requestId };
  const code = parsed.exit_code ?? parsed.errorCode;
  const exitCode = typeof code === "number" ? code : out.ok ? 0 : -1;
  return {
    stdout: typeof parsed.stdout === "string" ? parsed.stdout : "",
    stderr: typeof parsed.stderr === "string" ? parsed.stderr : "",
    exitCode,
    requestId: out.requestId,
  };
}
