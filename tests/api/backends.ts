// The two backends every cloud-mode test runs against: the embedded runtime with its extensions,
// and the strict runtime standing for AGB itself (documented answers only, 50 ms per answer).
// Both have the runtime's test control on, to count AGB calls and to throttle on demand.
import type { RunningRuntime, StartOptions } from "@/lib/runtime/main";

export const BACKENDS: { mode: "embedded" | "strict"; opts: StartOptions }[] = [
  { mode: "embedded", opts: { faults: true } },
  { mode: "strict", opts: { strict: true, latencyMs: 50, faults: true } },
];

async function control(
  rt: RunningRuntime,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${rt.url}/_control/${path}`, {
    method,
    headers: { "x-control-key": rt.controlKey, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as { data?: Record<string, unknown> };
  if (!res.ok) throw new Error(`/_control/${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json.data ?? {};
}

/** AGB calls the runtime received per endpoint ("GET /sdk/ListSession": n) since the last reset. */
export async function agbCalls(rt: RunningRuntime): Promise<{ calls: Record<string, number>; total: number }> {
  return (await control(rt, "GET", "calls")) as { calls: Record<string, number>; total: number };
}

export const resetCalls = (rt: RunningRuntime) => control(rt, "POST", "reset").then(() => undefined);

/** The next `count` calls (to `paths` when given) answer AGB's throttling error. */
export const throttleNext = (
  rt: RunningRuntime,
  count: number,
  opts: { as?: "http" | "code"; paths?: string[] } = {},
) => control(rt, "POST", "throttle", { count, ...opts }).then(() => undefined);
