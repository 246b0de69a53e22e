import "server-only";
// The MCP tool call (docs/protocol.md, "Tool calls") and the image tool list.
import { expectOk } from "./envelope";
import { AgbError, classify } from "./errors";
import { parseToolList, requireSessionId } from "./sessions";
import type { Transport } from "./transport";
import { toolResultSchema } from "./wire-schemas";

export interface ToolOutcome {
  /** HTTP 200 && success && !data.isError */
  ok: boolean;
  /** Text items joined with "\n", or undefined when there is no content. */
  text: string | undefined;
  requestId: string;
}

export function extractToolText(data: unknown): { isError: boolean; text: string | undefined } {
  if (data === undefined || data === null) return { isError: false, text: undefined };
  const parsed = toolResultSchema.safeParse(data);
  if (!parsed.success) return { isError: false, text: undefined };
  const content = parsed.data.content ?? [];
  const texts = content.filter((c) => c.type === "text").map((c) => (typeof c.text === "string" ? c.text : ""));
  let text: string | undefined;
  if (texts.length > 0) text = texts.join("\n");
  else if (content.length > 0) {
    const first = content[0];
    text = [first.text, first.blob, first.data].find((v): v is string => typeof v === "string");
  }
  return { isError: Boolean(parsed.data.isError), text };
}

/** Calls a tool. Session/envelope failures throw; a tool-level failure (isError) is returned with ok:false. */
export async function callTool(
  t: Transport,
  sessionId: string,
  name: string,
  args: Record<string, unknown>,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ToolOutcome> {
  requireSessionId(sessionId);
  const res = await t.request({
    method: "POST",
    path: "/mcp",
    query: { autoGenSession: "false" },
    body: { sessionId, name, args: JSON.stringify(args) },
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  const ok = expectOk(res, `Failed to call tool ${name}`, { exact200: true });
  const { isError, text } = extractToolText(ok.data);
  return { ok: !isError, text, requestId: ok.requestId };
}

/** Like callTool, but a tool-level failure throws an AgbError carrying the tool's text. */
export async function callToolOk(
  t: Transport,
  sessionId: string,
  name: string,
  args: Record<string, unknown>,
  opts: { timeoutMs?: number; what?: string } = {},
): Promise<{ text: string; requestId: string }> {
  const out = await callTool(t, sessionId, name, args, opts);
  if (!out.ok) {
    const msg = (out.text ?? "").trim() || "Tool execution failed";
    throw new AgbError(toolErrorKind(msg), `${opts.what ?? name}: ${msg}`, {
      code: `Tool.${name}`,
      requestId: out.requestId,
    });
  }
  return { text: out.text ?? "", requestId: out.requestId };
}

function toolErrorKind(msg: string) {
  const m = msg.toLowerCase();
  if (m.includes("no such file") || m.includes("does not exist") || m.includes("enoent")) return "not_found" as const;
  const k = classify("", msg, 0);
  return k === "not_found" ? k : ("invalid_input" as const);
}

export interface ToolInfo {
  name: string;
  server: string;
  inputSchema: unknown;
}

export async function listTools(t: Transport, imageId: string): Promise<{ tools: ToolInfo[]; requestId: string }> {
  if (!imageId?.trim())
    throw new AgbError("invalid_input", "imageId is required to list tools", { code: "InvalidParameter.ImageId" });
  const res = await t.request({
    method: "POST",
    path: "/mcp/listTools",
    query: { imageId },
    body: {},
    idempotent: true,
  });
  const ok = expectOk(res, `Failed to list tools of image ${imageId}`, { exact200: true });
  return { tools: parseToolList(ok.data), requestId: ok.requestId };
}
