import "server-only";
// Session labels for the list without a GetLabel per row per poll. AGB's ListSession answers ids
// and statuses only, so a page's labels come from this cache:
// - bounded (least recently used entries go first) and time-limited: an entry older than
//   MAX_AGE_MS is not served;
// - misses are fetched with GetLabel through one limiter shared by the whole process;
// - each list answer refreshes in the background at most REFRESH_PER_LIST of its rows whose entry
//   is older than REFRESH_AFTER_MS, oldest first, so a polled page costs ListSession plus at most
//   one GetLabel and still catches edits made elsewhere (an SDK, another dashboard) over time;
// - the dashboard's own edits, creates and deletes update it at once.
// A backend whose list items carry labels (the embedded runtime) fills it for free.
import { isAgbError, type AgbClient } from "@/lib/agb/client";
import { log } from "../log";
import { processGlobal } from "../process-global";
import { Limiter } from "../util/limiter";

export const LABEL_CONCURRENCY = 24;
const MAX_ENTRIES = 20_000;
export const MAX_AGE_MS = 15 * 60_000;
export const REFRESH_AFTER_MS = 60_000;
export const REFRESH_PER_LIST = 1;

type Labels = Record<string, string>;
interface Entry {
  labels: Labels;
  at: number;
}

export class LabelsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Labels | null>>();
  /** Bumped by every write, so a GetLabel that started before an edit cannot overwrite it. */
  private readonly version = new Map<string, number>();
  private readonly limiter = new Limiter(LABEL_CONCURRENCY);

  constructor(
    private readonly agb: AgbClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Fresh labels, or undefined. */
  peek(id: string): Labels | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (this.now() - e.at >= MAX_AGE_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return e.labels;
  }

  /** Labels known to be current: from a list item, a create, or the dashboard's own edit. */
  put(id: string, labels: Labels): void {
    this.version.set(id, (this.version.get(id) ?? 0) + 1);
    this.store(id, labels);
  }

  forget(id: string): void {
    this.entries.delete(id);
    if (this.inflight.has(id)) this.version.set(id, (this.version.get(id) ?? 0) + 1);
    else this.version.delete(id);
  }

  /** The labels of `ids`; GetLabel for the misses. A session released meanwhile is in `gone`. */
  async resolve(ids: readonly string[]): Promise<{ labels: Record<string, Labels>; gone: string[] }> {
    const labels: Record<string, Labels> = {};
    const gone: string[] = [];
    await Promise.all(
      ids.map(async (id) => {
        const l = this.peek(id) ?? (await this.fetch(id));
        if (l) labels[id] = l;
        else gone.push(id);
      }),
    );
    return { labels, gone };
  }

  /** Starts fetching the misses without waiting: by the time the browser asks, they are on their way. */
  prefetch(ids: readonly string[]): void {
    for (const id of ids) if (!this.peek(id)) this.background(id);
  }

  /** Re-reads at most `budget` of the entries older than REFRESH_AFTER_MS, oldest first. */
  refreshSome(ids: readonly string[], budget = REFRESH_PER_LIST): void {
    const now = this.now();
    const stale = ids
      .map((id) => ({ id, e: this.entries.get(id) }))
      .filter(
        (x): x is { id: string; e: Entry } =>
          Boolean(x.e) && now - x.e!.at >= REFRESH_AFTER_MS && !this.inflight.has(x.id),
      )
      .sort((a, b) => a.e.at - b.e.at)
      .slice(0, budget);
    for (const { id } of stale) this.background(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Resolves when no GetLabel of this cache is running (tests count calls after it). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight.values()]);
  }

  private background(id: string): void {
    this.fetch(id).catch((e: unknown) => {
      log.debug({ sessionId: id, err: e instanceof Error ? e.message : String(e) }, "background GetLabel failed");
    });
  }

  private fetch(id: string): Promise<Labels | null> {
    const running = this.inflight.get(id);
    if (running) return running;
    const v = this.version.get(id) ?? 0;
    const p = this.limiter
      .run(() => this.agb.getLabels(id))
      .then(
        ({ labels }) => {
          if ((this.version.get(id) ?? 0) !== v) return this.peek(id) ?? labels;
          this.store(id, labels);
          return labels;
        },
        (e: unknown) => {
          if (isAgbError(e) && e.kind === "not_found") {
            this.forget(id);
            return null;
          }
          throw e;
        },
      )
      .finally(() => this.inflight.delete(id));
    this.inflight.set(id, p);
    return p;
  }

  private store(id: string, labels: Labels): void {
    this.entries.delete(id);
    this.entries.set(id, { labels, at: this.now() });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.version.delete(oldest);
    }
  }
}

// One cache per AGB client (one per backend and key): ids of different backends never mix. Per
// process, not per module copy: the page's server render and the label routes share it.
const caches = processGlobal("labels-caches", () => new WeakMap<AgbClient, LabelsCache>());

/** The client's cache; `now` (tests) sets its clock when this call creates it. */
export function labelsCache(agb: AgbClient, opts: { now?: () => number } = {}): LabelsCache {
  let c = caches.get(agb);
  if (!c) caches.set(agb, (c = new LabelsCache(agb, opts.now)));
  return c;
}
