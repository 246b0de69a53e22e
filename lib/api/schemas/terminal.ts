import { z } from "../zod";

const cols = z.number().check(z.int(), z.gte(2), z.lte(1000));
const rows = z.number().check(z.int(), z.gte(1), z.lte(1000));

/** A terminal id as the backend names it. */
export const terminalIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** POST /api/sessions/[id]/terminals */
export const terminalSizeBody = z.object({ cols, rows });

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

/**
 * What the browser sends on the terminal's WebSocket (.../terminals/[tid]/socket), one JSON text
 * frame each: keystrokes (a paste may be large) and the terminal's size.
 */
export const terminalClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("input"), data: z.string().check(z.minLength(1), z.maxLength(1_000_000)) }),
  z.object({ type: z.literal("resize"), cols, rows }),
]);
export type TerminalClientFrame = z.infer<typeof terminalClientFrame>;

/**
 * What the relay sends: the terminal's output as binary frames (its UTF-8 bytes, written to xterm
 * as they are: scrollback first, then live), and one JSON text frame when it ends or cannot be used.
 */
export const terminalServerFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("exit"), reason: z.string(), exitCode: z.nullable(z.number()) }),
  z.object({ type: z.literal("error"), message: z.string(), requestId: z.optional(z.string()) }),
]);
export type TerminalServerFrame = z.infer<typeof terminalServerFrame>;

/** GET /api/sessions/[id]/metrics/history: `supported:false` when the backend keeps no history. */
export const metricsHistory = z.object({
  supported: z.boolean(),
  intervalS: z.number(),
  /** how often the backend samples a session that is idle (no calls, no CPU use) */
  quietIntervalS: z.number(),
  limits: z.object({ memBytes: z.number(), diskBytes: z.number(), cpuCount: z.number() }),
  samples: z.array(
    z.object({ t: z.number(), cpuPct: z.number(), memUsed: z.number(), diskUsed: z.number(), procs: z.number() }),
  ),
});
export type MetricsHistory = z.infer<typeof metricsHistory>;

export const metricsHistoryQuery = z.object({ sinceMs: z.optional(z.coerce.number().check(z.int(), z.gte(0))) });
