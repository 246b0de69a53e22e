/**
 * File tools (docs/protocol.md, "File tools"), run by the sandbox agent (lib/runtime/agent/files.py) with the
 * session's uid, so they reach exactly what the session's own commands reach. Each answers one text
 * item in the format the SDK parses; an agent ToolError becomes isError with its message.
 *
 * Extensions the SDK never sends: `list_directory_detailed` (JSON entries for the dashboard's file
 * browser), `write_file` with `format:"binary"` (base64 content, for uploads), `delete_file` with
 * `recursive:true`.
 */
import { z } from "zod";
import { defineTool, type ToolDef } from "./registry";
import { DISK_QUOTA_BYTES } from "./session-limits";

const FILE_OP_TIMEOUT_MS = 120_000;

const absPath = (field: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .min(1, `${field} is required`)
    .max(4096, `${field} is longer than 4096 characters`)
    .refine((p) => p.startsWith("/"), `${field} must be an absolute path (start with /)`)
    .refine((p) => !p.includes("\0"), `${field} cannot contain NUL`);

const path = absPath("path");
const byteCount = (field: string) =>
  z
    .number({ error: `${field} must be a number of bytes` })
    .int(`${field} must be a whole number`)
    .min(0, `${field} cannot be negative`);

interface TextResult {
  text: string;
}

function fileTool<S extends z.ZodType>(
  name: string,
  description: string,
  args: S,
  op = name,
  withQuota = false,
): ToolDef {
  return defineTool({
    name,
    description,
    args,
    images: "all",
    async run(ctx, a) {
      const payload = withQuota ? { ...(a as object), quotaBytes: DISK_QUOTA_BYTES } : a;
      const r = await ctx.agent.call<TextResult>(op, payload, { timeoutMs: FILE_OP_TIMEOUT_MS });
      return { isError: false, text: r.text };
    },
  });
}

export const fileTools: ToolDef[] = [
  fileTool(
    "create_directory",
    "Create a directory and its parents; succeeds if it already exists.",
    z.object({ path }),
  ),
  fileTool(
    "delete_file",
    "Delete a file (or an empty directory; recursive:true deletes a directory with its contents).",
    z.object({ path, recursive: z.boolean().optional() }),
  ),
  fileTool(
    "move_file",
    "Move or rename a file or directory; an existing destination file is overwritten.",
    z.object({ source: absPath("source"), destination: absPath("destination") }),
  ),
  fileTool(
    "edit_file",
    "Apply exact text replacements in order; fails and leaves the file unchanged if an oldText is missing. Returns a unified diff; dryRun only computes it.",
    z.object({
      path,
      edits: z
        .array(z.object({ oldText: z.string().min(1, "oldText cannot be empty"), newText: z.string() }))
        .min(1, "edits needs at least one {oldText, newText}"),
      dryRun: z.boolean().optional().default(false),
    }),
    "edit_file",
    true,
  ),
  fileTool(
    "get_file_info",
    "Metadata of a file or directory as `key: value` lines (exact byte size, epoch modTime).",
    z.object({ path }),
  ),
  fileTool("list_directory", "List a directory: one `[DIR] name` or `[FILE] name` line per entry.", z.object({ path })),
  fileTool(
    "list_directory_detailed",
    "List a directory as a JSON array of {name, path, isDirectory, size, modTime (epoch s), isSymlink, special (a named pipe, socket, character or block device; absent for files and folders)}, directories first.",
    z.object({ path }),
    "list_entries",
  ),
  fileTool(
    "read_file",
    "Read a file: the byte range offset/length (whole file without them) as UTF-8 text, or base64 with format binary.",
    z.object({
      path,
      offset: byteCount("offset").optional(),
      length: byteCount("length").optional(),
      format: z.enum(["text", "binary"], { error: "format must be text or binary" }).optional(),
    }),
  ),
  fileTool(
    "read_multiple_files",
    "Read several files: `<path>:\\n<content>\\n` per file, separated by `---` lines; a failed file reads `<path>: Error - <why>`.",
    z.object({
      paths: z.array(absPath("paths[]")).min(1, "paths needs at least one path").max(100, "at most 100 paths per call"),
    }),
  ),
  fileTool(
    "search_files",
    "Find files and directories under path whose name contains pattern (case-insensitive) or matches it as a glob; full paths one per line, or `No matches found`.",
    z.object({
      path,
      pattern: z.string({ error: "pattern is required" }).min(1, "pattern is required"),
      excludePatterns: z.array(z.string()).max(100).optional(),
    }),
  ),
  fileTool(
    "write_file",
    "Write UTF-8 text (or base64 bytes with format binary) to a file: mode overwrite (default), append or create_new. The parent directory must exist.",
    z.object({
      path,
      content: z.string({ error: (i) => (i.input === undefined ? "content is required" : "content must be a string") }),
      mode: z
        .enum(["overwrite", "append", "create_new"], { error: "mode must be overwrite, append or create_new" })
        .optional()
        .default("overwrite"),
      format: z.enum(["text", "binary"], { error: "format must be text or binary" }).optional(),
    }),
    "write_file",
    true,
  ),
  fileTool(
    "get_file_change",
    "Changes under a directory since the previous call on it: JSON [{eventType create|modify|delete, path, pathType file|dir}] (the first call starts watching and returns []).",
    z.object({ path }),
  ),
];
