import type { QueryClient } from "@tanstack/react-query";
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
