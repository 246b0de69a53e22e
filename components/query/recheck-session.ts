import type { QueryClient } from "@tanstack/react-query";
import { isNotFound } from "@/lib/api/client";
import { queryKeys } from "@/lib/query-keys";

/**
 * A call about a session answered that it does not exist: maybe it is gone (deleted elsewhere,
 * released when idle). The session page on screen asks again now, and shows that it is gone,
 * rather than at its next poll 15 s later.
 */
export function recheckSessionPages(client: QueryClient): void {
  const exact = queryKeys.sessions.details().length + 1; // detail(id), not what is under it
  void client.invalidateQueries({
    queryKey: queryKeys.sessions.details(),
    predicate: (q) => q.queryKey.length === exact,
  });
}

/** After any 404 but one of the session page's own queries (which would ask itself again, for ever). */
export function recheckSessionOn404(client: QueryClient, error: unknown, key: readonly unknown[] = []): void {
  if (!isNotFound(error)) return;
  const ownQuery = queryKeys.sessions.details().every((part, i) => key[i] === part);
  if (!ownQuery) recheckSessionPages(client);
}
