/** `shell` tool (docs/protocol.md, "shell"): runs in the session's sandbox via the agent's `shell` op. */
import { z } from "zod";
import { cgroupOomKills } from "../sandbox/cgroups";
import { formatBytes } from "./metrics";
import { defineTool } from "./registry";

export const SHELL_TIMEOUT_MS = { default: 60_000, max: 600_000 } as const;

const envName = z
  .string()
  .min(1)
  .refine((k) => !k.includes("=") && !k.includes("\0"), "env names cannot contain '=' or NUL");

const shellArgs = z.object({
  command: z.string().min(1, "command cannot be empty").max(1_000_000),
  timeout_ms: z.number().int().positive().max(SHELL_TIMEOUT_MS.max).default(SHELL_TIMEOUT_MS.default),
  cwd: z
    .string()
    .min(1)
    .refine((c) => !c.includes("\0"), "cwd cannot contain NUL")
    .optional(),
  envs: z
    .record(
      envName,
      z.string().refine((v) => !v.includes("\0"), "env values cannot contain NUL"),
    )
    .optional(),
});

interface ShellResult {
  stdout: string;
  stderr: string;
  exit_code: number;
  traceId: string;
}

export const shellTool = defineTool({
  name: "shell",
  description: "Run a command with /bin/sh -c in the session sandbox; returns stdout, stderr and exit_code as JSON.",
  args: shellArgs,
  images: "all",
  async run(ctx, a) {
    const oomBefore = cgroupOomKills(ctx.session.slot);
    const r = await ctx.agent.call<ShellResult>("shell", a, { timeoutMs: a.timeout_ms + 15_000 });
    const oomAfter = cgroupOomKills(ctx.session.slot);
    // SIGKILL (137) while the group's OOM counter rose: say why, not just the number.
    if (r.exit_code === 137 && oomBefore && oomAfter && oomAfter.kills > oomBefore.kills)
      r.stderr += `[killed: out of memory, limit ${formatBytes(oomAfter.limit)}]\n`;
    const text = JSON.stringify({
      stdout: r.stdout,
      stderr: r.stderr,
      exit_code: r.exit_code,
      traceId: r.traceId ?? "",
    });
    // Style B: a failed command is a tool error carrying the same JSON (no envelope message).
    return { isError: r.exit_code !== 0, text };
  },
});
