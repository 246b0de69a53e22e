import "server-only";
// The audit export: CSV (RFC 4180) or JSON lines, streamed page by page from the keyset reader,
// so a million entries never sit in memory and the download starts with the first page.
import type { AuditEntryView } from "@/lib/api/schemas/audit";
import { allAudit, type AuditFilter } from "./query";

export type ExportFormat = "csv" | "jsonl";

const COLUMNS = [
  "id",
  "at",
  "username",
  "ip",
  "sessionId",
  "action",
  "result",
  "status",
  "requestId",
  "detail",
] as const;

/**
 * One CSV cell. Quoted when it holds a quote, comma or line break (quotes doubled). A cell that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab / carriage return that some
 * strip before looking) gets a leading apostrophe: an audit log quotes what users typed, and
 * opening the export must not execute it.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(e: AuditEntryView): string {
  return COLUMNS.map((c) => csvCell(c === "detail" ? JSON.stringify(e.detail) : e[c])).join(",") + "\r\n";
}

export const csvHeader = () => COLUMNS.join(",") + "\r\n";

export function jsonLine(e: AuditEntryView): string {
  return JSON.stringify(e) + "\n";
}

/** The export's body: pulled page by page, so a slow reader holds back the database reads. */
export function exportStream(f: AuditFilter, format: ExportFormat, batch = 1000): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const pages = allAudit(f, batch);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      if (!started && format === "csv") text = csvHeader();
      started = true;
      const next = await pages.next();
      if (!next.done) text += next.value.map(format === "csv" ? csvRow : jsonLine).join("");
      if (text) controller.enqueue(enc.encode(text));
      if (next.done) controller.close();
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

export function exportResponse(f: AuditFilter, format: ExportFormat, now = new Date()): Response {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return new Response(exportStream(f, format), {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
