/**
 * Per-session limits the file, code and metrics tools pass to the sandbox agent.
 *
 *   AGB_RUNTIME_DISK_QUOTA_MB  disk quota of one session's home + /tmp, in MiB (default 512)
 *
 * Read once from the environment and validated; a bad value throws at import with the variable named.
 */
import { z } from "zod";
import { LANGUAGES } from "../../protocol/images";

const quotaMb = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number of MiB")
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024),
  );

function readQuotaMb(env: NodeJS.ProcessEnv): number {
  const raw = env.AGB_RUNTIME_DISK_QUOTA_MB;
  if (raw === undefined || raw === "") return 512;
  const r = quotaMb.safeParse(raw);
  if (!r.success)
    throw new Error(`invalid AGB_RUNTIME_DISK_QUOTA_MB=${JSON.stringify(raw)}: ${r.error.issues[0].message}`);
  return r.data;
}

export const DISK_QUOTA_BYTES = readQuotaMb(process.env) * 1024 * 1024;

/** run_code's languages are lib/protocol/images.ts's; the SDK normalises aliases client-side, raw callers may not. */
export { LANGUAGES };
export const LANGUAGE_ALIASES: Record<string, (typeof LANGUAGES)[number]> = {
  python: "python",
  python3: "python",
  py: "python",
  javascript: "javascript",
  js: "javascript",
  node: "javascript",
  nodejs: "javascript",
  java: "java",
  r: "r",
};
