"use client";
import * as React from "react";
import { subscribeThrottle, throttleRetryAt } from "@/lib/api/throttle";

// Its countdown loads with the first throttled call: AGB throttling is rare, and the dashboard
// server (which serves the chunk) answers meanwhile.
const ThrottleCountdown = React.lazy(() => import("./throttle-countdown"));

/** "AGB is limiting requests, retrying in N s" while a throttled call waits (lib/api/throttle.ts). */
export function ThrottleNotice() {
  const retryAt = React.useSyncExternalStore(subscribeThrottle, throttleRetryAt, () => 0);
  return retryAt > 0 ? (
    <React.Suspense>
      <ThrottleCountdown retryAt={retryAt} />
    </React.Suspense>
  ) : null;
}
