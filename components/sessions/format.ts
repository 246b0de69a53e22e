const nf = new Intl.NumberFormat("en-US");
export const formatCount = (n: number) => nf.format(n);

/** "1h 05m", "4m 09s", "12s": a countdown that stays readable at a glance. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(sec)}s`;
  return `${sec}s`;
}

/** "3m ago" style age; absolute time belongs in the tooltip/title. */
export function formatAge(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "—";
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

// One formatter for every row and tick (Date#toLocaleString builds one per call); the same fields
// as toLocaleString() prints by default.
let dtf: Intl.DateTimeFormat | null = null;

export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  dtf ??= new Intl.DateTimeFormat(undefined, {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  return dtf.format(t);
}

/** The same, for a time in epoch milliseconds (the users' and logins' rows carry those). */
export const formatTimestamp = (ms: number): string => formatDateTime(new Date(ms).toISOString());
