import "server-only";
// The file browser's server side: list, read, write, upload, streamed download, mkdir, move,
// delete, search. No path changes a file's bytes: reads and downloads use read_file's base64
// format (AGB documents it); uploads are exact, and bytes a backend could only store altered (not
// UTF-8, when write_file has no binary format) are refused before anything is written.
import path from "node:path/posix";
import type { FileEntry, FileFeatures, ReadFileResponse } from "@/lib/api/schemas/console";
import { AgbError, isAgbError, type AgbClient } from "@/lib/agb/client";
import { CHUNK, type FileInfo } from "@/lib/agb/files";
import { HttpError } from "../errors";
import { consoleSession, type ConsoleSession } from "./session-tools";

export const READ_DEFAULT = 1_048_576;
export const UPLOAD_MAX_FILE = 25 * 1024 * 1024;
export const UPLOAD_MAX_TOTAL = 100 * 1024 * 1024;
export const DOWNLOAD_MAX = 256 * 1024 * 1024;

export const featuresOf = (s: ConsoleSession): FileFeatures => ({
  details: s.tools.has("list_directory_detailed"),
  recursiveDelete: s.recursiveDelete,
  binaryUpload: s.binaryWrite,
});

export async function listDir(
  agb: AgbClient,
  sessionId: string,
  dir: string,
): Promise<{ path: string; entries: FileEntry[]; features: FileFeatures; requestId: string }> {
  const s = await consoleSession(agb, sessionId);
  const features = featuresOf(s);
  if (features.details) {
    const r = await agb.listDirectoryDetailed(sessionId, dir);
    return { path: dir, entries: sortEntries(r.entries), features, requestId: r.requestId };
  }
  const r = await agb.listDirectory(sessionId, dir);
  const entries = r.entries.map((e) => ({
    name: e.name,
    path: path.join(dir, e.name),
    isDirectory: e.isDirectory,
    size: null,
    modTime: null,
    special: null,
  }));
  return { path: dir, entries: sortEntries(entries), features, requestId: r.requestId };
}

/** A folder with contents needs delete_file's `recursive` extension; without it only empty ones go. */
export async function deletePath(
  agb: AgbClient,
  sessionId: string,
  target: string,
  recursive: boolean,
): Promise<{ requestId: string }> {
  const s = await consoleSession(agb, sessionId);
  if (!recursive || s.recursiveDelete) return agb.deleteFile(sessionId, target, { recursive });
  try {
    return await agb.deleteFile(sessionId, target);
  } catch (e) {
    if (!isAgbError(e) || e.kind !== "invalid_input") throw e;
    throw new HttpError(
      422,
      "folder_not_empty",
      `${target} could not be deleted: this backend deletes only empty folders (its delete_file has no recursive option). Delete what is inside first. (${e.message})`,
      { requestId: e.requestId || undefined },
    );
  }
}

const sortEntries = (e: FileEntry[]) =>
  [...e].sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));

/**
 * Decodes UTF-8 strictly, keeping a byte-order mark (so encoding the text gives back the same
 * bytes); a cut at the end of a truncated range may split one character.
 */
export function decodeUtf8(bytes: Buffer, truncated: boolean): string | null {
  const dec = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  for (let cut = 0; cut <= (truncated ? 3 : 0) && cut <= bytes.length; cut++) {
    try {
      return dec.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      /* try a shorter prefix */
    }
  }
  return null;
}

/**
 * Text the viewer shows as a binary file instead: bytes that are not UTF-8 (`null` from decodeUtf8),
 * NUL, or, from a text read_file (not `exact`), the U+FFFD it puts where bytes were not UTF-8.
 */
const looksBinary = (text: string | null, exact: boolean): boolean =>
  text === null || text.includes("\u0000") || (!exact && text.includes("\ufffd"));

/** A named pipe, socket or device has no bytes to show: reading one would wait for a writer or never end. */
function refuseSpecialFile(info: FileInfo & { requestId: string }): void {
  if (info.isFile === false && !info.isDirectory)
    throw new HttpError(
      422,
      "not_a_file",
      `${info.path} is not a regular file (a named pipe, socket or device): it has no content to open or download`,
      { requestId: info.requestId },
    );
}

export async function readFile(
  agb: AgbClient,
  sessionId: string,
  q: { path: string; offset: number; length?: number },
): Promise<ReadFileResponse> {
  const [s, info] = await Promise.all([consoleSession(agb, sessionId), agb.getFileInfo(sessionId, q.path)]);
  if (info.isDirectory)
    throw new HttpError(422, "is_directory", `${q.path} is a directory`, { requestId: info.requestId });
  refuseSpecialFile(info);
  if (info.size === 0) return readSizeless(agb, sessionId, q, s.binaryRead, info.modTime);
  const offset = Math.min(q.offset, info.size);
  const length = Math.min(q.length ?? READ_DEFAULT, info.size - offset);
  const truncated = offset + length < info.size;
  const base = { path: q.path, size: info.size, offset, truncated, modTime: info.modTime };
  if (length <= 0) return { ...base, content: "", binary: false, requestId: info.requestId };
  if (s.binaryRead) {
    const r = await agb.readBytes(sessionId, q.path, offset, length);
    const text = decodeUtf8(r.bytes, truncated);
    return { ...base, content: text ?? "", binary: looksBinary(text, true), requestId: r.requestId };
  }
  // A read_file without the binary format: text by byte ranges.
  let content = "";
  let requestId = info.requestId;
  for (let pos = offset; pos < offset + length; pos += CHUNK) {
    const r = await agb.callTool(sessionId, "read_file", {
      path: q.path,
      offset: pos,
      length: Math.min(CHUNK, offset + length - pos),
    });
    if (!r.ok)
      throw new AgbError("invalid_input", `Cannot read ${q.path}: ${(r.text ?? "").trim() || "read failed"}`, {
        requestId: r.requestId,
      });
    content += r.text ?? "";
    requestId = r.requestId;
  }
  return { ...base, content, binary: looksBinary(content, false), requestId };
}

/**
 * A file whose size says 0 is read whole (a truly empty one gives nothing): procfs and sysfs files
 * say 0 and still have content. The asked range is cut from what was read, so the viewer's chunks
 * of a long one (/proc/kallsyms) work as for any file.
 */
async function readSizeless(
  agb: AgbClient,
  sessionId: string,
  q: { path: string; offset: number; length?: number },
  binaryRead: boolean,
  modTime: string | null,
): Promise<ReadFileResponse> {
  const { bytes, requestId } = await agb.readUnsized(sessionId, q.path, binaryRead);
  const offset = Math.min(q.offset, bytes.length);
  const end = Math.min(offset + (q.length ?? READ_DEFAULT), bytes.length);
  const truncated = end < bytes.length;
  const text = decodeUtf8(bytes.subarray(offset, end), truncated);
  const base = { path: q.path, size: bytes.length, offset, truncated, modTime };
  return { ...base, content: text ?? "", binary: looksBinary(text, binaryRead), requestId };
}

export async function writeFile(
  agb: AgbClient,
  sessionId: string,
  p: { path: string; content: string; mode: "overwrite" | "append" | "create_new" },
) {
  return agb.writeText(sessionId, p.path, p.content, p.mode);
}

/** A plain file name: no directories, not "." or "..", no NUL. */
export function safeFileName(raw: string): string | null {
  const name = raw.split(/[\\/]/).pop()?.trim() ?? "";
  if (!name || name === "." || name === ".." || name.includes("\u0000") || name.length > 255) return null;
  return name;
}

export async function uploadFiles(
  agb: AgbClient,
  sessionId: string,
  dir: string,
  files: File[],
): Promise<{ written: string[]; requestId: string }> {
  if (files.length === 0)
    throw new HttpError(422, "invalid_input", "Choose at least one file to upload", {
      issues: [{ path: "files", message: "No files in the form" }],
    });
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > UPLOAD_MAX_TOTAL)
    throw new HttpError(413, "too_large", `An upload may carry at most ${UPLOAD_MAX_TOTAL / 1048576} MiB`);
  const issues = files.flatMap((f, i) => {
    if (!safeFileName(f.name))
      return [{ path: `files.${i}`, message: `"${f.name.slice(0, 80)}" is not a valid file name` }];
    if (f.size > UPLOAD_MAX_FILE)
      return [{ path: `files.${i}`, message: `${f.name} is larger than ${UPLOAD_MAX_FILE / 1048576} MiB` }];
    return [];
  });
  if (issues.length) throw new HttpError(422, "invalid_input", issues[0].message, { issues });
  const s = await consoleSession(agb, sessionId);
  // Every file is checked before the first is written: a refused upload leaves nothing behind.
  const prepared = await Promise.all(
    files.map(async (f) => {
      const bytes = Buffer.from(await f.arrayBuffer());
      return {
        target: path.join(dir, safeFileName(f.name)!),
        name: f.name,
        bytes,
        text: s.binaryWrite ? null : decodeUtf8(bytes, false),
      };
    }),
  );
  if (!s.binaryWrite) {
    const binary = prepared.flatMap((p, i) =>
      p.text === null ? [{ path: `files.${i}`, message: `${p.name} is not UTF-8 text` }] : [],
    );
    if (binary.length)
      throw new HttpError(
        422,
        "binary_unsupported",
        `Nothing was uploaded: ${binary.map((b) => b.message.replace(/ is not UTF-8 text$/, "")).join(", ")} ${binary.length === 1 ? "is" : "are"} not UTF-8 text, and this backend stores text files only (its write_file has no binary format), so the bytes would change.`,
        { issues: binary },
      );
  }
  const written: string[] = [];
  let requestId = "";
  for (const p of prepared) {
    requestId = (
      p.text === null
        ? await agb.writeBytes(sessionId, p.target, p.bytes)
        : await agb.writeText(sessionId, p.target, p.text)
    ).requestId;
    written.push(p.target);
  }
  return { written, requestId };
}

const DOWNLOAD_STEP = CHUNK * 8;

/**
 * Streams a file as an attachment with its exact bytes, reading ahead while the browser receives.
 * The first part is read before answering, so a failure there is an ordinary error answer.
 */
export async function downloadFile(agb: AgbClient, sessionId: string, filePath: string): Promise<Response> {
  const [s, info] = await Promise.all([consoleSession(agb, sessionId), agb.getFileInfo(sessionId, filePath)]);
  if (info.isDirectory)
    throw new HttpError(422, "is_directory", `${filePath} is a directory; download files one by one`, {
      requestId: info.requestId,
    });
  refuseSpecialFile(info);
  if (info.size > DOWNLOAD_MAX)
    throw new HttpError(413, "too_large", `${filePath} is larger than ${DOWNLOAD_MAX / 1048576} MiB`);
  if (!s.binaryRead)
    throw new HttpError(
      422,
      "binary_unsupported",
      `This backend's read_file has no binary format, so a download of ${filePath} could change its bytes; open it as text instead.`,
      {
        requestId: info.requestId,
      },
    );
  const name = path.basename(filePath) || "download";
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const headers = (size: number, requestId: string) => ({
    "content-type": "application/octet-stream",
    "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "content-length": String(size),
    "cache-control": "no-store",
    "x-agb-request-id": requestId,
  });
  if (info.size === 0) {
    // procfs and sysfs files say 0 bytes and still have content (see readSizeless).
    const r = await agb.readUnsized(sessionId, filePath, true);
    return new Response(new Uint8Array(r.bytes), { headers: headers(r.bytes.length, r.requestId) });
  }
  const read = (pos: number) =>
    agb.readBytes(sessionId, filePath, pos, Math.min(DOWNLOAD_STEP, info.size - pos)).then((r) => r.bytes);
  const first = await read(0);
  let pos = first.length;
  let ahead: Promise<Buffer> | null = pos < info.size ? read(pos) : null;
  ahead?.catch(() => undefined); // reported by the pull that awaits it
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length) controller.enqueue(new Uint8Array(first));
      if (!ahead) controller.close();
    },
    async pull(controller) {
      if (!ahead) return;
      try {
        const bytes = await ahead;
        pos += bytes.length;
        ahead = pos < info.size ? read(pos) : null;
        ahead?.catch(() => undefined);
        controller.enqueue(new Uint8Array(bytes));
        if (!ahead) controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
    cancel() {
      ahead = null;
    },
  });
  return new Response(body, { headers: headers(info.size, info.requestId) });
}
