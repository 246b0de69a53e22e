// What the browser does when an API call fails, written once for both of its data layers
// (react-query's client and the light cache of the sessions list): which failures are retried and
// after how long, and what a final failure does beyond its caller's own message.
import { ApiError } from "./client";
import { isOutage, reportOutage } from "./outage";
import { isThrottled, MAX_THROTTLED_RETRIES, noteThrottled, throttleDelay } from "./throttle";

/**
 * A read is retried unless the answer is final: a 4xx is the user's or the server's final word
 * (retrying it only delays the message), and an outage is shown at once (BackendStatus refetches
 * on recovery). Throttling is the exception: it says "later", not "no".
 */
export const retryRead = (count: number, error: unknown) =>
  isThrottled(error)
    ? count < MAX_THROTTLED_RETRIES
    : !(error instanceof ApiError && error.status >= 400 && error.status < 500) && !isOutage(error) && count < 2;

/** A change is retried only when AGB throttled it (an edit in flight is not lost). */
export const retryChange = (count: number, error: unknown) => isThrottled(error) && count < MAX_THROTTLED_RETRIES;

/** AGB throttling waits as it asks (and shows the notice); anything else backs off exponentially. */
export const retryDelay = (count: number, error: unknown) =>
  isThrottled(error) ? noteThrottled(throttleDelay(count, error)) : Math.min(1000 * 2 ** count, 30_000);

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

/** Run on every call's final failure, whoever made it. */
export function onApiError(error: unknown) {
  redirectOnUnauthorized(error);
  reportOutage(error);
}

/**
 * Calls `fn` until it succeeds or retryRead says stop, waiting retryDelay between tries; a final
 * failure goes through onApiError before it reaches the caller (as react-query's caches do it).
 */
export async function readWithRetries<T>(fn: () => Promise<T>): Promise<T> {
  for (let count = 0; ; count++) {
    try {
      return await fn();
    } catch (e) {
      if (!retryRead(count, e)) {
        onApiError(e);
        throw e;
      }
      await new Promise((r) => setTimeout(r, retryDelay(count, e)));
    }
  }
}
