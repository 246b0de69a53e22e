// A small keyed cache of API answers for the pages that must load without react-query (the
// sessions list's first load carries no query library: issue 11). It keeps what react-query gives
// those pages: one request per key at a time, answers kept across navigations, staleness, retries
// and final-failure handling by the same policy (lib/api/failure-policy.ts), invalidation.
import { useEffect, useSyncExternalStore } from "react";
import { readWithRetries } from "@/lib/api/failure-policy";

export type CacheEntry<T> = {
  data?: T;
  /** The last fetch's failure; cleared by the next success. */
  error?: unknown;
  /** When data was fetched (epoch ms); 0 once invalidated. */
  updatedAt: number;
  fetching: boolean;
};

export class ClientCache<T> {
  private entries = new Map<string, CacheEntry<T>>();
  private inflight = new Map<string, Promise<T>>();
  private listeners = new Set<() => void>();
  private invalidations = new Set<() => void>();
  /** Bumped on every change: a snapshot for hooks that read several keys. */
  version = 0;

  /** Past `maxEntries` keys, the one least recently written goes (a long-lived tab pages a lot). */
  constructor(
    private readonly staleMs: number,
    private readonly maxEntries = 200,
  ) {}

  get = (key: string): CacheEntry<T> | undefined => this.entries.get(key);

  isStale(key: string): boolean {
    const e = this.entries.get(key);
    return !e || e.data === undefined || e.updatedAt === 0 || Date.now() - e.updatedAt >= this.staleMs;
  }

  /** Stores an answer got elsewhere (the server's render, a page read on the way to another). */
  set(key: string, data: T, updatedAt = Date.now()) {
    this.put(key, { data, updatedAt, fetching: this.entries.get(key)?.fetching ?? false });
  }

  /**
   * Takes an answer read before this page ran (the server's render) unless a newer one is here;
   * silently, as it runs while a component renders.
   */
  prime(key: string, data: T, updatedAt: number) {
    const e = this.entries.get(key);
    if (!e || (e.updatedAt !== 0 && e.updatedAt < updatedAt))
      this.entries.set(key, { data, updatedAt, fetching: e?.fetching ?? false });
  }

  /** Fetches `key` (or joins the fetch already running), retrying as the policy says. */
  fetch(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running;
    const before = this.entries.get(key);
    this.put(key, { ...before, updatedAt: before?.updatedAt ?? 0, fetching: true });
    const p = readWithRetries(fn).then(
      (data) => {
        this.put(key, { data, updatedAt: Date.now(), fetching: false });
        return data;
      },
      (error: unknown) => {
        const e = this.entries.get(key);
        this.put(key, { ...e, updatedAt: e?.updatedAt ?? 0, error, fetching: false });
        throw error;
      },
    );
    this.inflight.set(key, p);
    void p.then(
      () => this.inflight.delete(key),
      () => this.inflight.delete(key),
    );
    return p;
  }

  /** Marks every entry stale; those on screen fetch again (their hooks listen with onInvalidate). */
  invalidate() {
    for (const [k, e] of this.entries) this.entries.set(k, { ...e, updatedAt: 0 });
    this.changed();
    for (const l of this.invalidations) l();
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  onInvalidate(l: () => void): () => void {
    this.invalidations.add(l);
    return () => void this.invalidations.delete(l);
  }

  private put(key: string, e: CacheEntry<T>) {
    // Re-inserted, so the Map's order is the order of writes (a page on screen is written every poll).
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      if (!this.inflight.has(oldest)) this.entries.delete(oldest);
    }
    this.changed();
  }

  private changed() {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/**
 * One key's entry, fetched on mount when missing or stale and again after an invalidation (a failed
 * fetch is not repeated by itself: the caller shows the error). Nothing is read on the server.
 */
export function useCached<T>(
  cache: ClientCache<T>,
  key: string,
  fetcher: () => Promise<T>,
  enabled = true,
): CacheEntry<T> | undefined {
  const entry = useSyncExternalStore(
    cache.subscribe,
    () => cache.get(key),
    () => undefined,
  );
  const updatedAt = entry?.updatedAt;
  useEffect(() => {
    if (enabled && cache.isStale(key)) cache.fetch(key, fetcher).catch(() => {});
    // The fetcher is the key's: a new function for the same key changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, key, enabled, updatedAt]);
  return entry;
}
