/**
 * Tool registry: `/mcp` dispatches through it and `/mcp/listTools` lists it.
 *
 * A tool module exports `defineTool({...})` values; `tools/index.ts` collects them into TOOLS.
 *   name         tool name as the SDK sends it (`shell`, `run_code`, `read_file`, ...)
 *   description  one line
 *   args         zod schema of the parsed `args` (the SDK sends them as a JSON string); a mismatch
 *                answers HTTP 400 naming the field, so `run` always gets valid args
 *   inputSchema  JSON schema for listTools (defaults to z.toJSONSchema(args))
 *   images       image ids the tool is offered on, or "all"
 *   needsSandbox default true: ctx.agent is the session's started agent; false: ctx.agent is null
 *   run(ctx, args) => Promise<{ isError, text }>  one text content item; isError:true = tool failure
 *                (the envelope stays success:true with an empty message; docs/protocol.md, "Tool calls")
 * The /mcp route resets the session's idle clock before calling run. A thrown AgentError becomes a
 * tool error with its message; anything else is logged and answered as a tool error too.
 */
import type { Logger } from "pino";
import { z } from "zod";
import type { RuntimeDeps } from "../http/context";
import type { AgentClient } from "../sandbox/agent-client";
import type { SessionRecord } from "../store/sessions";

export interface ToolResult {
  isError: boolean;
  text: string;
}

export interface ToolContext {
  session: SessionRecord;
  /** The session's running agent (null when the tool has needsSandbox:false). */
  agent: AgentClient;
  requestId: string;
  log: Logger;
  /** the runtime's services, for extension tools (terminals, metrics history) */
  deps: RuntimeDeps;
}

export interface ToolDef<A = unknown> {
  name: string;
  description: string;
  args: z.ZodType<A>;
  inputSchema: Record<string, unknown>;
  images: readonly string[] | "all";
  needsSandbox: boolean;
  run(ctx: ToolContext, args: A): Promise<ToolResult>;
}

export function defineTool<S extends z.ZodType>(def: {
  name: string;
  description: string;
  args: S;
  inputSchema?: Record<string, unknown>;
  images: readonly string[] | "all";
  needsSandbox?: boolean;
  run(ctx: ToolContext, args: z.output<S>): Promise<ToolResult>;
}): ToolDef {
  let inputSchema = def.inputSchema;
  if (!inputSchema) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(def.args, { io: "input", unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
    inputSchema = rest;
  }
  return { ...def, inputSchema, needsSandbox: def.needsSandbox ?? true } as ToolDef;
}

export const toolOnImage = (t: ToolDef, imageId: string) => t.images === "all" || t.images.includes(imageId);

/** The `data` string of /mcp/listTools and `toolList` of createSession/getSession. */
export function toolListJson(tools: readonly ToolDef[], imageId: string): string {
  return JSON.stringify(
    tools
      .filter((t) => toolOnImage(t, imageId))
      .map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
        server: TOOL_SERVER,
        tool: t.name,
      })),
  );
}

/** `server` of every tool; with an empty linkUrl the SDK still calls through POST /mcp. */
export const TOOL_SERVER = "agb-embedded";
