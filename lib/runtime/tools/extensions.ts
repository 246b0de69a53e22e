/**
 * Extension tools (not in AGB's catalogue; clients discover them in the tool list):
 *   terminal              lists the session's interactive terminals; the terminals themselves are
 *                         driven over the session's stream socket (`terminal.*` frames)
 *   get_metrics_history   the runtime's 5 s samples of the session (the last hour)
 */
import { z } from "zod";
import { defineTool } from "./registry";

export const terminalTool = defineTool({
  name: "terminal",
  description:
    "Interactive terminals (a shell on a PTY in the sandbox), driven over the session's WebSocket with frames whose data.method is terminal.open, terminal.attach, terminal.input, terminal.resize, terminal.close or terminal.list. This call lists the session's terminals and limits as JSON.",
  args: z.looseObject({}),
  inputSchema: { type: "object", properties: {}, additionalProperties: false },
  images: "all",
  needsSandbox: false,
  async run(ctx) {
    const t = ctx.deps.terminals;
    return { isError: false, text: JSON.stringify({ terminals: t.list(ctx.session.id), limits: t.limits }) };
  },
});

export const metricsHistoryTool = defineTool({
  name: "get_metrics_history",
  description:
    "The session's cpu, memory, disk and process samples taken every intervalS seconds while its sandbox runs (every quietIntervalS while it is idle: no calls, no CPU use), the last 720, as JSON {intervalS, quietIntervalS, limits, samples:[{t, cpuPct, memUsed, diskUsed, procs}]}; sinceMs (epoch ms) returns only newer samples.",
  args: z.object({ sinceMs: z.number().int().min(0).optional() }),
  images: "all",
  needsSandbox: false,
  async run(ctx, a) {
    return { isError: false, text: JSON.stringify(ctx.deps.metricsHistory.get(ctx.session.id, a.sinceMs)) };
  },
});
