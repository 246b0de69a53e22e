/**
 * `get_metrics` (docs/protocol.md, "get_metrics"): the session's own figures. The agent measures inside the sandbox
 * (its pid namespace = the session's processes; disk = home+/tmp against the quota); when the
 * runtime put the sandbox in a memory cgroup, memory usage and limit come from that cgroup instead.
 */
import { z } from "zod";
import type { AgentClient } from "../sandbox/agent-client";
import { cgroupMemory, slotMemoryDir } from "../sandbox/cgroups";
import { defineTool } from "./registry";
import { DISK_QUOTA_BYTES } from "./session-limits";

/** "1.5 GB" */
export function formatBytes(n: number): string {
  const gb = n / 1024 ** 3;
  return gb >= 1 ? `${Number(gb.toFixed(1))} GB` : `${Math.round(n / 1024 ** 2)} MB`;
}

/**
 * One measurement of a session: the agent's figures, memory from the cgroup when there is one (the
 * agent then skips summing its processes' PSS), disk from its file system's free space when the
 * session has a disk image of its own (`diskImage`; else the agent walks home and /tmp).
 */
export async function measure(
  agent: AgentClient,
  slot: number | null,
  diskImage = false,
): Promise<Record<string, unknown>> {
  const args = {
    quotaBytes: DISK_QUOTA_BYTES,
    ...(slotMemoryDir(slot) ? { memFromRuntime: true } : {}),
    ...(diskImage ? { diskImage: true } : {}),
  };
  const m = await agent.call<Record<string, unknown>>("metrics", args, { timeoutMs: 30_000 });
  const cg = cgroupMemory(slot);
  if (cg) {
    // The memory cgroup's limit can exceed the host's RAM ("unlimited"); report the smaller.
    const total = typeof m.mem_total === "number" && m.mem_total > 0 ? Math.min(cg.limit, m.mem_total) : cg.limit;
    Object.assign(m, { mem_used: cg.used, mem_total: total, source: "cgroup-memory+sandbox-proc" });
  }
  return m;
}

export const metricsTool = defineTool({
  name: "get_metrics",
  description:
    "The session's cpu count and use, memory, disk (home+/tmp against its quota) and network figures as JSON.",
  args: z.looseObject({}),
  inputSchema: { type: "object", properties: {}, additionalProperties: false },
  images: "all",
  async run(ctx) {
    const disk = ctx.deps.sessions.pool.liveSandbox(ctx.session.id)?.paths.disk;
    return { isError: false, text: JSON.stringify(await measure(ctx.agent, ctx.session.slot, disk === "image")) };
  },
});
