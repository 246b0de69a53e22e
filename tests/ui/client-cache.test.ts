// The sessions list's cache (lib/client-cache.ts) against the failure policy it shares with
// react-query's client (lib/api/failure-policy.ts): the behaviour the list relies on.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api/client";
import { subscribeOutage } from "@/lib/api/outage";
import { subscribeThrottle, throttleRetryAt } from "@/lib/api/throttle";
import { ClientCache } from "@/lib/client-cache";

afterEach(() => vi.useRealTimers());

describe("ClientCache", () => {
  it("runs one fetch per key at a time and keeps its answer until stale or invalidated", async () => {
    const cache = new ClientCache<number>(60_000);
    let calls = 0;
    const fn = async () => ++calls;
    const [a, b] = await Promise.all([cache.fetch("k", fn), cache.fetch("k", fn)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(cache.get("k")).toMatchObject({ data: 1, fetching: false });
    expect(cache.isStale("k")).toBe(false);

    let told = 0;
    const off = cache.onInvalidate(() => told++);
    cache.invalidate();
    off();
    expect(told).toBe(1);
    expect(cache.isStale("k")).toBe(true);
    // The stale answer stays on screen while the next one comes.
    expect(cache.get("k")?.data).toBe(1);
    expect(await cache.fetch("k", fn)).toBe(2);
  });

  it("takes the server's answer unless it holds a newer one", () => {
    const cache = new ClientCache<string>(5_000);
    cache.prime("k", "server", 1_000);
    expect(cache.get("k")?.data).toBe("server");
    cache.set("k", "browser", 2_000);
    cache.prime("k", "older server render", 1_500);
    expect(cache.get("k")?.data).toBe("browser");
  });

  it("does not retry a 4xx, reports an outage at once, and keeps the last answer beside the error", async () => {
    const cache = new ClientCache<number>(0);
    await cache.fetch("k", async () => 7);
    let calls = 0;
    const notFound = new ApiError(404, "not_found", "no such session");
    await expect(
      cache.fetch("k", async () => {
        calls++;
        throw notFound;
      }),
    ).rejects.toBe(notFound);
    expect(calls).toBe(1);
    expect(cache.get("k")).toMatchObject({ data: 7, error: notFound, fetching: false });

    const down: boolean[] = [];
    const off = subscribeOutage((d) => down.push(d));
    calls = 0;
    await expect(
      cache.fetch("k", async () => {
        calls++;
        throw new ApiError(503, "backend_unavailable", "runtime restarting");
      }),
    ).rejects.toThrow("runtime restarting");
    off();
    expect(calls).toBe(1);
    expect(down).toEqual([true]);
  });

  it("retries AGB throttling after its wait and publishes that wait for the notice", async () => {
    vi.useFakeTimers();
    const cache = new ClientCache<string>(5_000);
    let calls = 0;
    let published = 0;
    const off = subscribeThrottle(() => published++);
    const p = cache.fetch("k", async () => {
      if (++calls < 3)
        throw new ApiError(429, "agb_throttled", "AGB is limiting requests", undefined, undefined, 2_000);
      return "rows";
    });
    await vi.runAllTimersAsync();
    off();
    expect(await p).toBe("rows");
    expect(calls).toBe(3);
    expect(published).toBe(2);
    expect(throttleRetryAt()).toBeGreaterThan(0);
  });

  it("keeps at most maxEntries keys, dropping the one least recently written", async () => {
    const cache = new ClientCache<number>(5_000, 2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 3);
    cache.set("c", 4);
    expect([cache.get("a")?.data, cache.get("b"), cache.get("c")?.data]).toEqual([3, undefined, 4]);
  });
});
