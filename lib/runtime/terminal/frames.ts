/**
 * Terminal frames on the session's stream socket (an extension beside run_code). A request is
 * `{invocationId, data: {method, params}}` with method one of:
 *   terminal.list                          → end {result: {terminals: TerminalInfo[], limits}}
 *   terminal.open   {cols, rows}           → end {result: TerminalInfo}
 *   terminal.attach {terminalId}           → event output {chunk} (scrollback first, then live) …,
 *                                            event exit {reason, exitCode}, end — or stays open
 *                                            until `terminal.detach` with the same invocationId
 *   terminal.detach {}                     (invocationId of the attach to stop)
 *   terminal.input  {terminalId, data}     → end (send the next keystrokes after it, or batch)
 *   terminal.resize {terminalId, cols, rows} → end
 *   terminal.close  {terminalId}           → end (the attach then gets the exit event)
 * A failure answers `{phase: "error", error: "<message>"}` under the request's invocationId.
 */
import { z } from "zod";

const size = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(1000) };
const tid = z.string().min(1).max(64);

const requests = z.discriminatedUnion("method", [
  z.object({ method: z.literal("terminal.list"), params: z.object({}).optional() }),
  z.object({ method: z.literal("terminal.open"), params: z.object(size) }),
  z.object({ method: z.literal("terminal.attach"), params: z.object({ terminalId: tid }) }),
  z.object({ method: z.literal("terminal.detach"), params: z.object({}).optional() }),
  z.object({
    method: z.literal("terminal.input"),
    params: z.object({ terminalId: tid, data: z.string().min(1).max(1_000_000) }),
  }),
  z.object({ method: z.literal("terminal.resize"), params: z.object({ terminalId: tid, ...size }) }),
  z.object({ method: z.literal("terminal.close"), params: z.object({ terminalId: tid }) }),
]);

export type TerminalRequest = z.infer<typeof requests> & { invocationId: string };

export type ParsedTerminalFrame =
  | { kind: "none" }
  | { kind: "invalid"; invocationId: string; error: string }
  | { kind: "request"; request: TerminalRequest };

/** `none` when the frame is not a terminal request (the run_code parser handles it). */
export function parseTerminalFrame(text: string | null): ParsedTerminalFrame {
  if (text === null || !text.includes('"terminal.')) return { kind: "none" };
  let raw: { invocationId?: unknown; data?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return { kind: "none" };
  }
  let data = raw?.data;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return { kind: "none" };
    }
  }
  const method = (data as { method?: unknown } | null)?.method;
  if (typeof method !== "string" || !method.startsWith("terminal.")) return { kind: "none" };
  const invocationId = typeof raw.invocationId === "string" && raw.invocationId ? raw.invocationId.slice(0, 200) : "";
  if (!invocationId) return { kind: "invalid", invocationId: "", error: "invocationId is required" };
  const r = requests.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    return {
      kind: "invalid",
      invocationId,
      error: `${method}: ${i.path.length ? i.path.join(".") + ": " : ""}${i.message}`,
    };
  }
  return { kind: "request", request: { ...r.data, invocationId } };
}
