/** POST /mcp and /mcp/listTools (docs/protocol.md, "Tool calls"), getLink and the browser endpoints. */
import { z } from "zod";
import { findImage, unknownImageMessage } from "../../images";
import { AgentError } from "../../sandbox/agent-client";
import { toolListJson, toolOnImage, type ToolContext, type ToolResult } from "../../tools/registry";
import { undocumentedArgs } from "../agb-surface";
import { EnvelopeError, badRequest } from "../envelope";
import { describeIssues, input, sessionIdField, type Route } from "../context";
import { ownedSession } from "./sessions";

const callInput = z.object({
  sessionId: sessionIdField,
  name: z
    .string({ error: (i) => (i.input === undefined ? "name (the tool name) is required" : "name must be a string") })
    .min(1, "name (the tool name) is required"),
  args: z
    .union([z.string(), z.record(z.string(), z.unknown())], { error: "args must be a JSON object encoded as a string" })
    .optional(),
});

function parseArgs(raw: string | Record<string, unknown> | undefined, tool: string): unknown {
  if (raw === undefined || raw === "") return {};
  if (typeof raw !== "string") return raw;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw badRequest(`args of tool ${tool} must be a JSON object encoded as a string; got text that is not JSON`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw badRequest(`args of tool ${tool} must be a JSON object`);
  return v;
}

const unsupported = (what: string) =>
  new EnvelopeError(
    200,
    "NotSupported",
    `${what} is not available in the embedded runtime (no browser or desktop)`,
    400,
  );

export const toolRoutes: Route[] = [
  {
    method: "POST",
    path: "/mcp",
    auth: true,
    async handle(ctx) {
      const p = input(ctx, callInput);
      const s = ownedSession(ctx, p.sessionId);
      const { tools, config } = ctx.deps;
      const tool = tools.find((t) => t.name === p.name);
      if (!tool || !toolOnImage(tool, s.imageId)) {
        const names = tools.filter((t) => toolOnImage(t, s.imageId)).map((t) => t.name);
        throw new EnvelopeError(
          400,
          "InvalidParameter.ToolName",
          `unknown tool "${p.name}" for image ${s.imageId}; available: ${names.join(", ")}`,
        );
      }
      const rawArgs = parseArgs(p.args, tool.name);
      // Strict mode: an argument AGB does not document is refused, not silently used.
      const unknown = config.strict ? undocumentedArgs(tool.name, rawArgs) : [];
      if (unknown.length)
        throw badRequest(
          `invalid args for tool ${tool.name}: unknown argument${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}`,
        );
      const parsed = tool.args.safeParse(rawArgs);
      if (!parsed.success) throw badRequest(`invalid args for tool ${tool.name}: ${describeIssues(parsed.error)}`);
      const { sessions } = ctx.deps;
      const done = sessions.beginCall(s);
      let result: ToolResult;
      try {
        let agent = null as unknown as ToolContext["agent"];
        if (tool.needsSandbox) {
          const sb = await sessions.sandboxFor(s);
          await sb.ensureRunning();
          agent = sb.client;
        }
        result = await tool.run(
          { session: s, agent, requestId: ctx.requestId, log: ctx.log, deps: ctx.deps },
          parsed.data,
        );
      } catch (e) {
        if (e instanceof EnvelopeError) throw e;
        if (!(e instanceof AgentError))
          ctx.log.error({ requestId: ctx.requestId, tool: tool.name, err: (e as Error).stack }, "tool failed");
        const msg =
          e instanceof AgentError && e.kind === "dead"
            ? `${e.message} (the next call starts the session's sandbox again; files are kept)`
            : (e as Error).message;
        result = { isError: true, text: msg };
      } finally {
        done();
      }
      return { data: { isError: result.isError, content: [{ type: "text", text: result.text }] } };
    },
  },
  {
    method: "POST",
    path: "/mcp/listTools",
    auth: true,
    handle(ctx) {
      const { imageId } = input(
        ctx,
        z.object({
          imageId: z
            .string({ error: "imageId is required (query parameter)" })
            .trim()
            .min(1, "imageId is required (query parameter)"),
        }),
      );
      if (!findImage(imageId)) throw badRequest(unknownImageMessage(imageId), "InvalidParameter.ImageId");
      return { data: toolListJson(ctx.deps.tools, imageId) };
    },
  },
  {
    method: "GET",
    path: "/internet/getLink",
    auth: true,
    handle(ctx) {
      const p = input(
        ctx,
        z.object({
          sessionId: sessionIdField,
          protocolType: z.string().optional(),
          port: z
            .string()
            .regex(/^\d{1,5}$/, "port must be a number from 1 to 65535")
            .refine((v) => Number(v) >= 1 && Number(v) <= 65535, "port must be a number from 1 to 65535")
            .optional(),
        }),
      );
      ownedSession(ctx, p.sessionId);
      return {
        data: {
          url: ctx.deps.url.base,
          note: "Local runtime: this is the runtime's own address. Sandboxes have no network, so ports inside a session are not reachable from outside.",
        },
      };
    },
  },
  {
    method: "POST",
    path: "/internet/getCdpLink",
    auth: true,
    handle(ctx) {
      ownedSession(ctx, input(ctx, z.object({ sessionId: sessionIdField })).sessionId);
      throw unsupported("A browser CDP link");
    },
  },
  {
    method: "POST",
    path: "/browser/init",
    auth: true,
    handle(ctx) {
      ownedSession(ctx, input(ctx, z.object({ sessionId: sessionIdField })).sessionId);
      throw unsupported("Browser initialisation");
    },
  },
];
