import "server-only";
// File-system tools (docs/protocol.md, "File tools"): text formats, read chunking by 51,200 bytes, write
// chunking by 51,200 characters (first call with the mode, then append).
import { z } from "zod";
import { AgbError } from "./errors";
import { callToolOk } from "./tools";
import type { Transport } from "./transport";

export const CHUNK = 51_200;

export interface FileInfo {
  name: string;
  path: string;
  size: number;
  isDirectory: boolean;
  /** false for a named pipe, socket or device; null when the backend does not say */
  isFile: boolean | null;
  modTime: string | null;
  mode: string | null;
}

/** Parses `key: value` lines, keeping the whole value after the first ':' (the Python SDK's way). */
export function parseFileInfo(text: string, path: string): FileInfo {
  const kv: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) kv[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  const size = Number(kv.size);
  return {
    name: kv.name ?? path.split("/").pop() ?? path,
    path: kv.path ?? path,
    size: Number.isFinite(size) ? size : 0,
    isDirectory: kv.isDirectory === "true",
    isFile: kv.isFile === undefined ? null : kv.isFile === "true",
    modTime: kv.modTime || null,
    mode: kv.mode || null,
  };
}

export async function getFileInfo(
  t: Transport,
  sessionId: string,
  path: string,
): Promise<FileInfo & { requestId: string }> {
  const r = await callToolOk(t, sessionId, "get_file_info", { path }, { what: `Cannot stat ${path}` });
  return { ...parseFileInfo(r.text, path), requestId: r.requestId };
}

export async function listDirectory(
  t: Transport,
  sessionId: string,
  path: string,
): Promise<{ entries: { name: string; isDirectory: boolean }[]; requestId: string }> {
  const r = await callToolOk(t, sessionId, "list_directory", { path }, { what: `Cannot list ${path}` });
  const entries: { name: string; isDirectory: boolean }[] = [];
  for (const line of r.text.split("\n")) {
    const m = /^\[(DIR|FILE)\]\s(.*)$/.exec(line);
    if (m && m[2] && m[2] !== "." && m[2] !== "..") entries.push({ name: m[2], isDirectory: m[1] === "DIR" });
  }
  return { entries, requestId: r.requestId };
}

const detailedEntry = z.object({
  name: z.string(),
  path: z.string(),
  isDirectory: z.boolean(),
  size: z.number().nullable().optional().catch(null),
  special: z.string().optional().catch(undefined),
  modTime: z
    .union([z.string(), z.number().transform(String)])
    .nullable()
    .optional()
    .catch(null),
});

/** Extension tool of the embedded runtime: `list_directory_detailed {path}` → JSON array. */
export async function listDirectoryDetailed(t: Transport, sessionId: string, path: string) {
  const r = await callToolOk(t, sessionId, "list_directory_detailed", { path }, { what: `Cannot list ${path}` });
  let json: unknown;
  try {
    json = JSON.parse(r.text || "[]");
  } catch {
    throw new AgbError("protocol", "list_directory_detailed did not return JSON", { requestId: r.requestId });
  }
  const parsed = z.array(detailedEntry).safeParse(json);
  if (!parsed.success)
    throw new AgbError("protocol", "list_directory_detailed returned unexpected entries", { requestId: r.requestId });
  return {
    entries: parsed.data.map((e) => ({
      name: e.name,
      path: e.path,
      isDirectory: e.isDirectory,
      size: e.size ?? null,
      modTime: e.modTime ?? null,
      special: e.special ?? null,
    })),
    requestId: r.requestId,
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads [offset, offset+length) as base64 (`format: "binary"`, which AGB documents): exact bytes.
 * 51,200-byte chunks, `parallel` of them in flight, joined in order.
 */
export async function readBytes(
  t: Transport,
  sessionId: string,
  path: string,
  offset: number,
  length: number,
  parallel = 4,
): Promise<{ bytes: Buffer; requestId: string }> {
  const starts: number[] = [];
  for (let pos = offset; pos < offset + length; pos += CHUNK) starts.push(pos);
  const parts = new Array<Buffer>(starts.length);
  let requestId = "";
  let next = 0;
  const worker = async () => {
    while (next < starts.length) {
      const i = next++;
      const pos = starts[i];
      const len = Math.min(CHUNK, offset + length - pos);
      const r = await callToolOk(
        t,
        sessionId,
        "read_file",
        { path, offset: pos, length: len, format: "binary" },
        { what: `Cannot read ${path}` },
      );
      const b64 = r.text.trim();
      if (!BASE64.test(b64))
        throw new AgbError("protocol", `read_file of ${path} did not return base64`, { requestId: r.requestId });
      parts[i] = Buffer.from(b64, "base64");
      // A short or long chunk means the file changed under the read: fail rather than return other bytes.
      if (parts[i].length !== len)
        throw new AgbError(
          "failed",
          `${path} changed while it was read (${parts[i].length} bytes at offset ${pos} where ${len} were expected)`,
          { requestId: r.requestId },
        );
      requestId = r.requestId;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, starts.length)) }, worker));
  return { bytes: Buffer.concat(parts), requestId };
}

/**
 * The whole file in one `read_file` without a range: for files whose size says 0 and which still
 * have content (procfs, sysfs: /proc/meminfo, a cgroup's memory.max), where a ranged read by the
 * size would give nothing. Base64 when `binary` (exact bytes), else the text read AGB documents
 * for a call without offset and length.
 */
export async function readUnsized(
  t: Transport,
  sessionId: string,
  path: string,
  binary: boolean,
): Promise<{ bytes: Buffer; requestId: string }> {
  const args = binary ? { path, format: "binary" } : { path };
  const r = await callToolOk(t, sessionId, "read_file", args, { what: `Cannot read ${path}` });
  if (!binary) return { bytes: Buffer.from(r.text, "utf8"), requestId: r.requestId };
  const b64 = r.text.trim();
  if (!BASE64.test(b64))
    throw new AgbError("protocol", `read_file of ${path} did not return base64`, { requestId: r.requestId });
  return { bytes: Buffer.from(b64, "base64"), requestId: r.requestId };
}

/** The SDK's text read: get_file_info, then 51,200-byte chunks of text. */
export async function readText(
  t: Transport,
  sessionId: string,
  path: string,
): Promise<{ content: string; requestId: string }> {
  const info = await getFileInfo(t, sessionId, path);
  if (info.isDirectory)
    throw new AgbError("invalid_input", `Path does not exist or is a directory: ${path}`, {
      requestId: info.requestId,
    });
  if (info.size === 0) return { content: "", requestId: info.requestId };
  let content = "";
  let requestId = info.requestId;
  for (let pos = 0; pos < info.size; pos += CHUNK) {
    const r = await callToolOk(
      t,
      sessionId,
      "read_file",
      { path, offset: pos, length: Math.min(CHUNK, info.size - pos) },
      { what: `Cannot read ${path}` },
    );
    content += r.text;
    requestId = r.requestId;
  }
  return { content, requestId };
}

export type WriteMode = "overwrite" | "append" | "create_new";

/**
 * The SDK's write: 51,200-character chunks, the first with `mode`, the rest appended. A chunk never
 * ends between the two halves of a surrogate pair: each half alone would not survive JSON as the
 * same character, and the file's bytes would change.
 */
export async function writeText(
  t: Transport,
  sessionId: string,
  path: string,
  content: string,
  mode: WriteMode = "overwrite",
): Promise<{ requestId: string }> {
  let requestId = "";
  let i = 0;
  do {
    let end = Math.min(i + CHUNK, content.length);
    const last = content.charCodeAt(end - 1);
    if (end < content.length && last >= 0xd800 && last <= 0xdbff) end--;
    const r = await callToolOk(
      t,
      sessionId,
      "write_file",
      { path, content: content.slice(i, end), mode: i === 0 ? mode : "append" },
      { what: `Cannot write ${path}` },
    );
    requestId = r.requestId;
    i = end;
  } while (i < content.length);
  return { requestId };
}

/** Extension: `write_file` with `format: "binary"` and base64 content; chunks stay multiples of 4 chars. */
export async function writeBytes(
  t: Transport,
  sessionId: string,
  path: string,
  bytes: Buffer,
  mode: WriteMode = "overwrite",
): Promise<{ requestId: string }> {
  const b64 = bytes.toString("base64");
  let requestId = "";
  let i = 0;
  do {
    const r = await callToolOk(
      t,
      sessionId,
      "write_file",
      { path, content: b64.slice(i, i + CHUNK), mode: i === 0 ? mode : "append", format: "binary" },
      { what: `Cannot write ${path}` },
    );
    requestId = r.requestId;
    i += CHUNK;
  } while (i < b64.length);
  return { requestId };
}

export const createDirectory = (t: Transport, sessionId: string, path: string) =>
  callToolOk(t, sessionId, "create_directory", { path }, { what: `Cannot create directory ${path}` }).then((r) => ({
    requestId: r.requestId,
  }));

export const moveFile = (t: Transport, sessionId: string, source: string, destination: string) =>
  callToolOk(
    t,
    sessionId,
    "move_file",
    { source, destination },
    { what: `Cannot move ${source} to ${destination}` },
  ).then((r) => ({ requestId: r.requestId }));

/** `recursive` is the embedded runtime's extension (docs/ARCHITECTURE.md); AGB cloud ignores it. */
export const deleteFile = (t: Transport, sessionId: string, path: string, opts: { recursive?: boolean } = {}) =>
  callToolOk(
    t,
    sessionId,
    "delete_file",
    { path, ...(opts.recursive ? { recursive: true } : {}) },
    { what: `Cannot delete ${path}` },
  ).then((r) => ({ requestId: r.requestId }));

export const editFile = (
  t: Transport,
  sessionId: string,
  path: string,
  edits: { oldText: string; newText: string }[],
  dryRun = false,
) =>
  callToolOk(t, sessionId, "edit_file", { path, edits, dryRun }, { what: `Cannot edit ${path}` }).then((r) => ({
    diff: r.text,
    requestId: r.requestId,
  }));

export async function searchFiles(
  t: Transport,
  sessionId: string,
  path: string,
  pattern: string,
  excludePatterns: string[] = [],
): Promise<{ matches: string[]; requestId: string }> {
  const args: Record<string, unknown> = { path, pattern };
  if (excludePatterns.length > 0) args.excludePatterns = excludePatterns;
  const r = await callToolOk(t, sessionId, "search_files", args, { what: `Cannot search ${path}` });
  const text = r.text.trim();
  const matches =
    text === "" || text === "No matches found"
      ? []
      : text
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
  return { matches, requestId: r.requestId };
}

/** read_multiple_files, parsed as the SDK does. */
export async function readMultipleFiles(
  t: Transport,
  sessionId: string,
  paths: string[],
): Promise<{ files: Record<string, string>; requestId: string }> {
  const r = await callToolOk(t, sessionId, "read_multiple_files", { paths }, { what: "Cannot read files" });
  const files: Record<string, string> = {};
  let current: string | null = null;
  let buf: string[] = [];
  const close = () => {
    if (current !== null) files[current] = buf.join("\n").trim();
    current = null;
    buf = [];
  };
  for (const line of r.text.split("\n")) {
    if (line.trim() === "---") close();
    else if (current === null && line.includes(":")) {
      const i = line.indexOf(":");
      current = line.slice(0, i);
      buf = line.slice(i + 1) ? [line.slice(i + 1)] : [];
    } else if (current !== null) buf.push(line);
  }
  close();
  return { files, requestId: r.requestId };
}
