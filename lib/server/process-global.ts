import "server-only";
// State that must exist once per server process, not once per copy of the module that holds it.
// Next's production server loads pages and route handlers through separate module registries (one
// runtime for server rendering, one for route handlers), and server.ts imports lib/server through
// tsx: a module-level cache would exist up to three times. A label edit through an API route then
// never reached the cache the sessions page renders its rows from, and the page showed the old
// labels. Such state lives on globalThis under a registered symbol instead.

/** The process's one value named `name`, made by `init` on first use. */
export function processGlobal<T>(name: string, init: () => T): T {
  const key = Symbol.for(`agb-dashboard.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[key] ??= init());
}
