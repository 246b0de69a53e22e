import { LANGUAGES } from "@/lib/protocol/images";
import { z } from "../zod";

export type Language = (typeof LANGUAGES)[number];

/** POST /api/sessions/[id]/code and .../code/stream */
export const runCodeBody = z.object({
  language: z.enum(LANGUAGES),
  code: z.string().check(z.minLength(1, "Code is empty"), z.maxLength(1_000_000)),
  timeoutS: z._default(z.number().check(z.int(), z.gte(1), z.lte(300)), 60),
});

/** One rich output, keys as in AGB's run_code `result[]` MIME bundle. */
export const codeResultItem = z.record(z.string(), z.unknown());

export const codeRunResult = z.object({
  ok: z.boolean(),
  stdout: z.array(z.string()),
  stderr: z.array(z.string()),
  results: z.array(codeResultItem),
  error: z.nullable(z.object({ name: z.string(), value: z.string(), traceback: z.string() })),
  executionCount: z.nullable(z.number()),
  executionTimeS: z.nullable(z.number()),
  requestId: z.string(),
});
export type CodeRunResult = z.infer<typeof codeRunResult>;

/** Server-Sent Events of .../code/stream: `event: <type>` with this JSON as `data`. */
export type CodeStreamEvent =
  | { type: "stdout" | "stderr"; chunk: string }
  | { type: "result"; result: Record<string, unknown> }
  | { type: "error"; error: { name: string; value: string; traceback: string } }
  | { type: "end"; ok: boolean; executionCount: number | null; executionTimeS: number | null; requestId: string };

/** POST /api/sessions/[id]/command */
export const runCommandBody = z.object({
  command: z.string().check(z.minLength(1, "Command is empty"), z.maxLength(100_000)),
  cwd: z.optional(z.string().check(z.maxLength(4096))),
  envs: z._default(z.record(z.string().check(z.minLength(1)), z.string()), {}),
  timeoutMs: z._default(z.number().check(z.int(), z.gte(100), z.lte(55_000)), 30_000),
});

export const commandResult = z.object({
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number(),
  timedOut: z.boolean(),
  durationMs: z.number(),
  requestId: z.string(),
});
export type CommandResult = z.infer<typeof commandResult>;

export const fileEntry = z.object({
  name: z.string(),
  path: z.string(),
  isDirectory: z.boolean(),
  size: z.nullable(z.number()),
  modTime: z.nullable(z.string()),
  /** "named pipe", "socket", "character device"...: no content to open. Null for files and folders, and where the backend does not say (AGB). */
  special: z.nullable(z.string()),
});
export type FileEntry = z.infer<typeof fileEntry>;

const absPath = z.string().check(
  z.minLength(1),
  z.maxLength(4096),
  z.refine((p) => p.startsWith("/"), { message: "Path must be absolute (start with /)" }),
);
export const pathQuery = z.object({ path: absPath });
/** DELETE .../files: `recursive=1` removes a folder with everything in it. */
export const deletePathQuery = z.object({ path: absPath, recursive: z._default(z.enum(["0", "1"]), "0") });
export const readFileQuery = z.object({
  path: absPath,
  offset: z._default(z.coerce.number().check(z.int(), z.gte(0)), 0),
  length: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1_048_576))),
});
export const writeFileBody = z.object({
  path: absPath,
  content: z.string().check(z.maxLength(10_485_760)),
  mode: z._default(z.enum(["overwrite", "append", "create_new"]), "overwrite"),
});
export const moveFileBody = z.object({ source: absPath, destination: absPath });
export const searchFilesQuery = z.object({
  path: absPath,
  pattern: z.string().check(z.minLength(1), z.maxLength(256)),
});

/**
 * What the session's backend can do with files, learned from its tool list. AGB itself offers none
 * of these; the embedded runtime offers all three.
 */
export const fileFeatures = z.object({
  /** Sizes and modification times in listings (a detailed listing tool). */
  details: z.boolean(),
  /** Folders are deleted with their contents (otherwise only empty folders). */
  recursiveDelete: z.boolean(),
  /** Any bytes can be uploaded (otherwise UTF-8 text only). */
  binaryUpload: z.boolean(),
});
export type FileFeatures = z.infer<typeof fileFeatures>;
export const listDirResponse = z.object({
  path: z.string(),
  entries: z.array(fileEntry),
  features: fileFeatures,
  requestId: z.string(),
});
export const readFileResponse = z.object({
  path: z.string(),
  size: z.number(),
  offset: z.number(),
  content: z.string(),
  /** True when the file is not valid UTF-8 text: offer a download instead. */
  binary: z.boolean(),
  truncated: z.boolean(),
  modTime: z.nullable(z.string()),
  requestId: z.string(),
});
export type ReadFileResponse = z.infer<typeof readFileResponse>;

export const metricsResponse = z.object({
  cpuCount: z.number(),
  cpuUsedPct: z.number(),
  memTotal: z.number(),
  memUsed: z.number(),
  diskTotal: z.number(),
  diskUsed: z.number(),
  timestamp: z.string(),
  requestId: z.string(),
});
export type Metrics = z.infer<typeof metricsResponse>;

/** POST /api/sessions/[id]/code/interrupt: the Stop button. */
export const interruptCodeBody = z.object({ language: z.enum(LANGUAGES) });

/** POST /api/sessions/[id]/files/upload?dir=: the target directory (multipart field `files`). */
export const uploadQuery = z.object({ dir: absPath });

/**
 * GET /api/sessions/[id]/console: what this session's backend lets the console do, learnt from
 * the tools it lists (AGB itself lists only its own), so the UI says what is missing before use.
 */
export const consoleCapabilities = z.object({
  /** Stop can interrupt a running cell (the kernel keeps its state). */
  interrupt: z.boolean(),
  /** Directory listings carry sizes and modification times. */
  detailedListing: z.boolean(),
});
export type ConsoleCapabilities = z.infer<typeof consoleCapabilities>;
