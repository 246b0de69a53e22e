import { test as base, expect, type APIResponse } from "@playwright/test";
import { watchClassLists } from "./class-conflicts";
import type { SessionDetail } from "../../lib/api/schemas/sessions";
import { cleanup, createSession, originHeaders, uniqueTag, type Labels } from "./seed";

/**
 * Each test gets a unique `e2e=<tag>` label value; sessions carrying it are deleted afterwards, and
 * `newSession(labels)` creates one with it (plus `labels`) through the dashboard's API, and
 * `runCommand(id, command, timeoutMs)` runs a shell command in a session through the same API.
 * Its page fails the test when an element showed two Tailwind utilities for one property.
 */
export const test = base.extend<{
  tag: string;
  origin: string;
  newSession: (labels?: Labels, idleTimeoutSeconds?: number) => Promise<SessionDetail>;
  runCommand: (sessionId: string, command: string, timeoutMs?: number) => Promise<APIResponse>;
}>({
  page: async ({ page }, provide) => {
    const conflicts = await watchClassLists(page);
    await provide(page);
    expect(await conflicts(), "class lists with conflicting Tailwind utilities").toEqual([]);
  },
  origin: async ({ baseURL }, provide) => {
    await provide(baseURL!);
  },
  tag: async ({ request, baseURL }, provide, info) => {
    const tag = uniqueTag(info);
    await provide(tag);
    await cleanup(request, baseURL!, tag);
  },
  newSession: async ({ request, origin, tag }, provide) => {
    await provide((labels = {}, idle) => createSession(request, origin, { e2e: tag, ...labels }, idle));
  },
  runCommand: async ({ request, origin }, provide) => {
    await provide((sessionId, command, timeoutMs) =>
      request.post(`/api/sessions/${encodeURIComponent(sessionId)}/command`, {
        data: timeoutMs ? { command, timeoutMs } : { command },
        headers: originHeaders(origin),
        // the request outlives the command's own limit, so that limit is what ends it
        timeout: timeoutMs ? timeoutMs + 20_000 : undefined,
      }),
    );
  },
});

export { expect };
