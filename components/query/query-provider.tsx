"use client";
// react-query for the pages and dialogs that use it. Not in the root layout: the sessions list's
// first load carries no query library (issue 11), so each user mounts this provider itself (the
// session, audit, users and account pages; the list page's lazy dialogs and the palette). The
// browser has one client for all of them, so the cache outlives navigations as it did.
import * as React from "react";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { onApiError, retryChange, retryDelay, retryRead } from "@/lib/api/failure-policy";
import { onBackendRecovered } from "@/lib/api/outage";
import { queryKeys } from "@/lib/query-keys";
import { sessionChangesOutsideQueries } from "@/components/sessions/list-cache";
import { recheckSessionOn404 } from "./recheck-session";

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        onApiError(error);
        recheckSessionOn404(client, error, query.queryKey);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        onApiError(error);
        recheckSessionOn404(client, error);
      },
      // Every change is audited, done or refused: a History or Audit page on screen shows it now,
      // not at its next poll (its own reads, from our database: no AGB call).
      onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.audit.all() }),
    }),
    defaultOptions: {
      queries: { staleTime: 5_000, retry: retryRead, retryDelay },
      mutations: { retry: retryChange, retryDelay },
    },
  });
  return client;
}

let browserClient: QueryClient | null = null;

/** The browser's one client (refetching everything when the backend is back); a new one per server render. */
function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  if (!browserClient) {
    const client = makeQueryClient();
    onBackendRecovered(() => void client.invalidateQueries());
    browserClient = client;
  }
  return browserClient;
}

let changesSeen = 0;

/**
 * Session pages cached before a bulk action on the list (which has no react-query to tell) are
 * stale: marked so before this provider's pages mount, they fetch again instead of showing old labels.
 */
function catchUpOnSessionChanges(client: QueryClient) {
  const n = sessionChangesOutsideQueries();
  if (n === changesSeen) return;
  changesSeen = n;
  void client.invalidateQueries({ queryKey: queryKeys.sessions.details(), refetchType: "none" });
}

export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = React.useState(getQueryClient);
  catchUpOnSessionChanges(client);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
