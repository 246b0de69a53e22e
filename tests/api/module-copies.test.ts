// The server runs lib/ in several copies of each module: Next's production server loads pages and
// route handlers through separate module registries, and server.ts imports lib/server through tsx.
// Process-wide state (the AGB client, the labels cache) is shared between the copies, so one copy's
// errors must be recognised by another's, and each copy must find the same cache. vi.resetModules()
// makes a second copy here as Next's runtimes do.
import { describe, expect, it, vi } from "vitest";
import type { AgbClient } from "@/lib/agb/client";

async function twoCopies<T>(load: () => Promise<T>): Promise<[T, T]> {
  const first = await load();
  vi.resetModules();
  return [first, await load()];
}

describe("module copies in one server process", () => {
  it("an AgbError or HttpError thrown by one copy is answered by another like its own", async () => {
    const [a, b] = await twoCopies(() => import("@/lib/agb/errors"));
    const [ha, hb] = await twoCopies(() => import("@/lib/server/errors"));
    expect(b.AgbError).not.toBe(a.AgbError);
    const throttled = new b.AgbError("throttled", "slow down", { retryAfterMs: 3_000, requestId: "r-1" });
    expect(throttled instanceof a.AgbError).toBe(true);
    expect(a.isAgbError(throttled)).toBe(true);
    expect(new Error("plain") instanceof a.AgbError).toBe(false);
    expect(a.isAgbError({ kind: "throttled" })).toBe(false);
    const res = ha.toErrorResponse(throttled, { route: "test" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(new hb.HttpError(422, "bad_input", "no") instanceof ha.HttpError).toBe(true);
    expect(ha.toErrorResponse(new hb.HttpError(422, "bad_input", "no"), { route: "test" }).status).toBe(422);
  });

  it("every copy finds the same labels cache for a client", async () => {
    const [a, b] = await twoCopies(() => import("@/lib/server/labels/cache"));
    const client = {} as AgbClient;
    expect(b.labelsCache).not.toBe(a.labelsCache);
    expect(b.labelsCache(client)).toBe(a.labelsCache(client));
  });
});
