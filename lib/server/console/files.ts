import "server-only";
// The file browser's server side: list, read (exact bytes when the backend supports binary reads),
// write, upload, streamed download, mkdir, move, delete, search.
import path from "node:path/posix";
import type { FileEntry, ReadFileResponse } from "@/lib/api/schemas/console";
import { AgbError, type AgbClient } from "@/lib/agb/client";
import { CHUNK } from "@/lib/agb/files";
import { HttpError } from "../errors";
import { consoleSession } from "./session-tools";

export const READ_DEFAULT = 1_048_576;
export const UPLOAD_MAX_FILE = 25 * 1024 * 1024;
export const UPLOAD_MAX_TOTAL = 100 * 1024 * 1024;
export const DOWNLOAD_MAX = 256 * 1024 * 1024;

export async function listDir(agb: AgbClient, sessionId: string, dir: string): Promise<{ path: string; entries: FileEntry[]; requestId: string }> {
  const s = await consoleSession(agb, sessionId);
  if (s.tools.has("list_directory_detailed")) {
    const r = await agb.listDirectoryDetailed(sessionId, dir);
    return { path: dir, entries: sortEntries(r.entries), requestId: r.requestId };
  }
  const r = await agb.listDirectory(sessionId, dir);
  const entries = r.entries.map((e) => ({ name: e.name, path: path.join(dir, e.name), isDirectory: e.isDirectory, size: null, modTime: null }));
  return { path: dir, entries: sortEntries(entries), requestId: r.requestId };
}

const sortEntries = (e: FileEntry[]) => [...e].sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));

/** Decodes UTF-8 strictly; a cut at the end of a truncated range may split one character. */
function decodeUtf8(bytes: Buffer, truncated: boolean): string | null {
  const dec = new TextDecoder("utf-8", { fatal: true });
  for (let cut = 0; cut <= (truncated ? 3 : 0) && cut <= bytes.length; cut++) {
    try {
      return dec.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      /* try a shorter prefix */
    }
  }
  return null;
}

export async function readFile(agb: AgbClient, sessionId: string, q: { path: string; offset: number; length?: number }): Promise<ReadFileResponse> {
  const s = await consoleSession(agb, sessionId);
  const info = await agb.getFileInfo(sessionId, q.path);
  if (info.isDirectory) throw new HttpError(422, "is_directory", `${q.path} is a directory`, { requestId: info.requestId });
  const offset = Math.min(q.offset, info.size);
  const length = Math.min(q.length ?? READ_DEFAULT, info.size - offset);
  const truncated = offset + length < info.size;
  const base = { path: q.path, size: info.size, offset, truncated, modTime: info.modTime };
  if (length <= 0) return { ...base, content: "", binary: false, requestId: info.requestId };
  if (s.binaryFiles) {
    const r = await agb.readBytes(sessionId, q.path, offset, length);
    const text = decodeUtf8(r.bytes, truncated);
    return { ...base, content: text ?? "", binary: text === null || text.includes("\u0000"), requestId: r.requestId };
  }
  // Standard AGB: text reads only, by byte ranges.
  let content = "";
  let requestId = info.requestId;
  for (let pos = offset; pos < offset + length; pos += CHUNK) {
    const r = await agb.callTool(sessionId, "read_file", { path: q.path, offset: pos, length: Math.min(CHUNK, offset + length - pos) });
    if (!r.ok) throw new AgbError("invalid_input", `Cannot read ${q.path}: ${(r.text ?? "").trim() || "read failed"}`, { requestId: r.requestId });
    content += r.text ?? "";
    requestId = r.requestId;
  }
  return { ...base, content, binary: content.includes("\u0000") || content.includes("\ufffd"), requestId };
}

export async function writeFile(agb: AgbClient, sessionId: string, p: { path: string; content: string; mode: "overwrite" | "append" | "create_new" }) {
  return agb.writeText(sessionId, p.path, p.content, p.mode);
}

/** A plain file name: no directories, not "." or "..", no NUL. */
export function safeFileName(raw: string): string | null {
  const name = raw.split(/[\\/]/).pop()?.trim() ?? "";
  if (!name || name === "." || name === ".." || name.includes("\u0000") || name.length > 255) return null;
  return name;
}

export async function uploadFiles(agb: AgbClient, sessionId: string, dir: string, files: File[]): Promise<{ written: string[]; requestId: string }> {
  if (files.length === 0) throw new HttpError(422, "invalid_input", "Choose at least one file to upload", { issues: [{ path: "files", message: "No files in the form" }] });
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > UPLOAD_MAX_TOTAL) throw new HttpError(413, "too_large", `An upload may carry at most ${UPLOAD_MAX_TOTAL / 1048576} MiB`);
  const issues = files.flatMap((f, i) => {
    if (!safeFileName(f.name)) return [{ path: `files.${i}`, message: `"${f.name.slice(0, 80)}" is not a valid file name` }];
    if (f.size > UPLOAD_MAX_FILE) return [{ path: `files.${i}`, message: `${f.name} is larger than ${UPLOAD_MAX_FILE / 1048576} MiB` }];
    return [];
  });
  if (issues.length) throw new HttpError(422, "invalid_input", issues[0].message, { issues });
  const s = await consoleSession(agb, sessionId);
  const written: string[] = [];
  let requestId = "";
  for (const f of files) {
    const target = path.join(dir, safeFileName(f.name)!);
    const bytes = Buffer.from(await f.arrayBuffer());
    if (s.binaryFiles) requestId = (await agb.writeBytes(sessionId, target, bytes)).requestId;
    else {
      const text = decodeUtf8(bytes, false);
      if (text === null) throw new HttpError(422, "binary_unsupported", `${f.name} is not UTF-8 text, and this backend only accepts text files`, { requestId });
      requestId = (await agb.writeText(sessionId, target, text)).requestId;
    }
    written.push(target);
  }
  return { written, requestId };
}

/** Streams a file as an attachment, reading it chunk by chunk while the browser receives. */
export async function downloadFile(agb: AgbClient, sessionId: string, filePath: string): Promise<Response> {
  const s = await consoleSession(agb, sessionId);
  const info = await agb.getFileInfo(sessionId, filePath);
  if (info.isDirectory) throw new HttpError(422, "is_directory", `${filePath} is a directory; download files one by one`, { requestId: info.requestId });
  if (info.size > DOWNLOAD_MAX) throw new HttpError(413, "too_large", `${filePath} is larger than ${DOWNLOAD_MAX / 1048576} MiB`);
  let pos = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pos >= info.size) return controller.close();
      const len = Math.min(s.binaryFiles ? CHUNK * 4 : CHUNK, info.size - pos);
      try {
        if (s.binaryFiles) controller.enqueue(new Uint8Array((await agb.readBytes(sessionId, filePath, pos, len)).bytes));
        else {
          const r = await agb.callTool(sessionId, "read_file", { path: filePath, offset: pos, length: len });
          if (!r.ok) throw new Error(r.text ?? "read failed");
          controller.enqueue(new TextEncoder().encode(r.text ?? ""));
        }
        pos += len;
      } catch (e) {
        controller.error(e);
      }
    },
  });
  const name = path.basename(filePath) || "download";
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      ...(s.binaryFiles ? { "content-length": String(info.size) } : {}),
      "cache-control": "no-store",
      "x-agb-request-id": info.requestId,
    },
  });
}
