import "server-only";
import type { Metrics } from "@/lib/api/schemas/console";
import { z } from "zod";
import { AgbError, type AgbClient } from "@/lib/agb/client";
import type { MetricsHistory } from "@/lib/api/schemas/terminal";
import { consoleSession } from "./session-tools";

export async function sessionMetrics(agb: AgbClient, sessionId: string): Promise<Metrics> {
  const m = await agb.getMetrics(sessionId);
  return {
    cpuCount: m.cpuCount,
    cpuUsedPct: m.cpuUsedPct,
    memTotal: m.memTotal,
    memUsed: m.memUsed,
    diskTotal: m.diskTotal,
    diskUsed: m.diskUsed,
    timestamp: m.timestamp,
    requestId: m.requestId,
  };
}

/** The backend's sample history (runtime extension `get_metrics_history`); `supported:false` without it. */
export async function metricsHistory(agb: AgbClient, sessionId: string, sinceMs?: number): Promise<MetricsHistory> {
  const s = await consoleSession(agb, sessionId);
  const empty: MetricsHistory = {
    supported: false,
    intervalS: 5,
    quietIntervalS: 5,
    limits: { memBytes: 0, diskBytes: 0, cpuCount: 0 },
    samples: [],
  };
  if (!s.tools.has("get_metrics_history")) return empty;
  const r = await agb.callTool(sessionId, "get_metrics_history", sinceMs ? { sinceMs } : {});
  if (!r.ok)
    throw new AgbError("failed", `Cannot read the metrics history: ${r.text ?? ""}`, { requestId: r.requestId });
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.text ?? "");
  } catch {
    throw new AgbError("protocol", "The metrics history is not JSON", { requestId: r.requestId });
  }
  const h = ringSchema.safeParse(parsed);
  if (!h.success)
    throw new AgbError("protocol", "The metrics history has an unexpected shape", { requestId: r.requestId });
  return { supported: true, ...h.data, quietIntervalS: h.data.quietIntervalS ?? h.data.intervalS };
}

const ringSchema = z.object({
  intervalS: z.number(),
  // A runtime from before quiet sessions were sampled less often sampled them every interval.
  quietIntervalS: z.number().optional(),
  limits: z.object({ memBytes: z.number(), diskBytes: z.number(), cpuCount: z.number() }),
  samples: z.array(
    z.object({ t: z.number(), cpuPct: z.number(), memUsed: z.number(), diskUsed: z.number(), procs: z.number() }),
  ),
});
