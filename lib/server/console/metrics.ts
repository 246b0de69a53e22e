import "server-only";
import type { Metrics } from "@/lib/api/schemas/console";
import type { AgbClient } from "@/lib/agb/client";

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
