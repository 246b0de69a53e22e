import "server-only";
// get_metrics (docs/protocol.md, "get_metrics"): a JSON object with snake_case keys; missing keys become 0 / "".
import { AgbError } from "./errors";
import { callToolOk } from "./tools";
import type { Transport } from "./transport";

export interface SessionMetrics {
  cpuCount: number;
  cpuUsedPct: number;
  memTotal: number;
  memUsed: number;
  diskTotal: number;
  diskUsed: number;
  rxRateKBps: number;
  txRateKBps: number;
  rxUsedKB: number;
  txUsedKB: number;
  timestamp: string;
  requestId: string;
}

export async function getMetrics(t: Transport, sessionId: string): Promise<SessionMetrics> {
  const r = await callToolOk(t, sessionId, "get_metrics", {}, { what: "Cannot read metrics" });
  let o: Record<string, unknown>;
  try {
    const j = JSON.parse(r.text);
    if (!j || typeof j !== "object" || Array.isArray(j)) throw new Error("not an object");
    o = j;
  } catch (e) {
    throw new AgbError("protocol", `Failed to parse get_metrics response: ${(e as Error).message}`, {
      requestId: r.requestId,
    });
  }
  const num = (...keys: string[]) => {
    for (const k of keys) if (typeof o[k] === "number" && Number.isFinite(o[k])) return o[k] as number;
    return 0;
  };
  return {
    cpuCount: num("cpu_count"),
    cpuUsedPct: num("cpu_used_pct"),
    memTotal: num("mem_total"),
    memUsed: num("mem_used"),
    diskTotal: num("disk_total"),
    diskUsed: num("disk_used"),
    rxRateKBps: num("rx_rate_kbyte_per_s", "rx_rate_kbps", "rx_rate_KBps"),
    txRateKBps: num("tx_rate_kbyte_per_s", "tx_rate_kbps", "tx_rate_KBps"),
    rxUsedKB: num("rx_used_kbyte", "rx_used_kb", "rx_used_KB"),
    txUsedKB: num("tx_used_kbyte", "tx_used_kb", "tx_used_KB"),
    timestamp: typeof o.timestamp === "string" ? o.timestamp : "",
    requestId: r.requestId,
  };
}
