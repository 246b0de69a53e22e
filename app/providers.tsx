"use client";
import * as React from "react";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/lib/api/client";
import { isThrottled, MAX_THROTTLED_RETRIES, noteThrottled, throttleDelay } from "@/lib/api/throttle";
import { ThrottleNotice } from "@/components/layout/throttle-notice";
import { BackendStatus, isOutage, reportOutage } from "@/components/layout/backend-status";
import { ThemeProvider, useTheme } from "@/components/layout/theme-provider";
import { LazyToaster } from "@/components/ui/toaster";

/** An expired dashboard login turns any API call into a 401: send the user back to log in. */
function redirectOnUnauthorized(error: unknown) {
  if (
    error instanceof ApiError &&
    error.status === 401 &&
    typeof window !== "undefined" &&
    !window.location.pathname.startsWith("/login")
  ) {
    const next = window.location.pathname + window.location.search;
    // A full load, not router.push: the login page must start with no cached data of the old session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  }
}

/** AGB throttling is retried after its wait, for queries and mutations alike (an edit is not lost). */
const throttledRetryDelay = (count: number, error: unknown) =>
  isThrottled(error) ? noteThrottled(throttleDelay(count, error)) : Math.min(1000 * 2 ** count, 30_000);

function onApiError(error: unknown) {
  redirectOnUnauthorized(error);
  reportOutage(error);
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onApiError }),
    mutationCache: new MutationCache({ onError: onApiError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A 4xx is the user's or the server's final word: retrying it only delays the message.
        // Throttling is the exception: it says "later", not "no". An outage is shown at once
        // (BackendStatus), which refetches everything on recovery.
        retry: (count, error) =>
          isThrottled(error)
            ? count < MAX_THROTTLED_RETRIES
            : !(error instanceof ApiError && error.status >= 400 && error.status < 500) &&
              !isOutage(error) &&
              count < 2,
        retryDelay: throttledRetryDelay,
      },
      mutations: {
        retry: (count, error) => isThrottled(error) && count < MAX_THROTTLED_RETRIES,
        retryDelay: throttledRetryDelay,
      },
    },
  });
}

function ThemedToaster() {
  const { resolved } = useTheme();
  return <LazyToaster theme={resolved} />;
}

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = React.useState(makeQueryClient);
  return (
    <ThemeProvider>
      <QueryClientProvider client={client}>
        {children}
        <ThrottleNotice />
        <BackendStatus />
        <ThemedToaster />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
