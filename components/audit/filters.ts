// The Audit page's filters, kept in the URL (`/audit?session=…&action=…`), so a filtered view can
// be linked to and survives a reload. Times travel as ISO strings; the form shows local time.
import { AUDIT_ACTIONS } from "@/lib/api/endpoints";

export type AuditFilters = {
  user?: string;
  session?: string;
  action?: string;
  from?: string;
  to?: string;
};

const KEYS = ["user", "session", "action", "from", "to"] as const;

export function filtersFromSearch(sp: URLSearchParams): AuditFilters {
  const f: AuditFilters = {};
  for (const k of KEYS) {
    const v = sp.get(k)?.trim();
    if (!v) continue;
    if (k === "action" && !(AUDIT_ACTIONS as readonly string[]).includes(v)) continue;
    if ((k === "from" || k === "to") && Number.isNaN(Date.parse(v))) continue;
    f[k] = v;
  }
  return f;
}

export function searchFromFilters(f: AuditFilters): string {
  const sp = new URLSearchParams();
  for (const k of KEYS) if (f[k]) sp.set(k, f[k]);
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** `2026-11-29T23:05` (a datetime-local value, local time) for an ISO time, and back. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(v: string, endOfMinute = false): string | undefined {
  if (!v) return undefined;
  const t = new Date(v).getTime();
  if (Number.isNaN(t)) return undefined;
  // "to 12:05" means up to the end of that minute.
  return new Date(endOfMinute ? t + 59_999 : t).toISOString();
}
