import "server-only";
// The sessions page's first rows, read while the server renders it: one ListSession call, handed
// to the list hook as its first answer (components/sessions/use-sessions-list.ts), so the rows are
// in the HTML and the browser does not ask again at once. Anything short of a quick answer (AGB
// down, throttling, a deep page) gives no data, and the browser fetches the list itself and shows
// its usual notices.
import { parseSessionsView } from "@/components/sessions/url-state";
import type { InitialList } from "@/components/sessions/use-sessions-list";
import { getAgb } from "../agb";
import { listSessions } from "./list";

/**
 * The rows' part of the HTML (app/sessions/page.tsx) waits at most this long for AGB; past it that
 * part goes out without rows and the browser fetches them, with its usual notices.
 */
const PREFETCH_BUDGET_MS = 600;

/** The page's URL query (Next's searchParams) as the URLSearchParams the view is parsed from. */
export function toUrlParams(sp: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp))
    for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, x);
  return out;
}

export async function prefetchSessionsList(query: URLSearchParams): Promise<InitialList | null> {
  const { labels, page, size } = parseSessionsView(query);
  // Deeper pages need the cursors the browser keeps (or a walk of several calls): left to it.
  if (page !== 1) return null;
  const signal = AbortSignal.timeout(PREFETCH_BUDGET_MS);
  try {
    const list = listSessions(getAgb(), {
      labels: Object.fromEntries(labels.map((l) => [l.key, l.value])),
      page,
      size,
      signal,
    });
    // A throttled call waits between its retries without watching the signal: the race caps it.
    const timeout = new Promise<never>((_, reject) =>
      signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
    );
    const data = await Promise.race([list, timeout]);
    return { view: { labels, page, size }, data, at: Date.now() };
  } catch {
    return null;
  }
}
