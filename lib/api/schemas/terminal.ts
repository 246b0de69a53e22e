import { z } from "../zod";

const cols = z.number().check(z.int(), z.gte(2), z.lte(1000));
const rows = z.number().check(z.int(), z.gte(1), z.lte(1000));

/** A terminal id as the backend names it. */
export const terminalIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** POST /api/sessions/[id]/terminals and .../terminals/[tid]/resize */
export const terminalSizeBody = z.object({ cols, rows });

/** POST /api/sessions/[id]/terminals/[tid]/input */
export const terminalInputBody = z.object({ data: z.string().check(z.minLength(1), z.maxLength(1_000_000)) });

export const terminalInfo = z.object({
  terminalId: z.string(),
  cols: z.number(),
  rows: z.number(),
  createdAt: z.string(),
  exited: z.boolean(),
});
export type TerminalInfo = z.infer<typeof terminalInfo>;

/** GET /api/sessions/[id]/terminals: `supported:false` when the backend offers no terminals (AGB itself). */
export const terminalList = z.object({
  supported: z.boolean(),
  terminals: z.array(terminalInfo),
  maxPerSession: z.number(),
});
export type TerminalList = z.infer<typeof terminalList>;

// Server-Sent Events of .../terminals/[tid]/stream: `event: output` (data: a JSON string) and
// `event: exit` (data: `{ reason, exitCode }`).

/** GET /api/sessions/[id]/metrics/history: `supported:false` when the backend keeps no history. */
export const metricsHistory = z.object({
  supported: z.boolean(),
  intervalS: z.number(),
  limits: z.object({ memBytes: z.number(), diskBytes: z.number(), cpuCount: z.number() }),
  samples: z.array(
    z.object({ t: z.number(), cpuPct: z.number(), memUsed: z.number(), diskUsed: z.number(), procs: z.number() }),
  ),
});
export type MetricsHistory = z.infer<typeof metricsHistory>;

export const metricsHistoryQuery = z.object({ sinceMs: z.optional(z.coerce.number().check(z.int(), z.gte(0))) });
