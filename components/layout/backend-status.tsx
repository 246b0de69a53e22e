"use client";
// "Backend unavailable, reconnecting": shown when an API call says the backend cannot be reached
// (503, e.g. the embedded runtime restarting) or the dashboard server itself does not answer.
// Nothing is unmounted meanwhile, so whatever the user was typing stays; a probe polls every
// second and, once the backend answers, the notice goes and every data layer fetches again.
import * as React from "react";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { backendRecovered, isOutage, subscribeOutage } from "@/lib/api/outage";

const PROBE_MS = 1_000;

export function BackendStatus() {
  const [down, setDown] = React.useState(false);

  React.useEffect(() => subscribeOutage(setDown), []);

  React.useEffect(() => {
    if (!down) return;
    let stop = false;
    const tick = async () => {
      try {
        await callApi(endpoints.backendHealth);
        if (stop) return;
        setDown(false);
        backendRecovered();
      } catch (e) {
        // Anything but an outage (e.g. 401: logged out) is for the page to handle.
        if (!stop && !isOutage(e)) setDown(false);
        else if (!stop) timer = setTimeout(tick, PROBE_MS);
      }
    };
    let timer = setTimeout(tick, PROBE_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [down]);

  if (!down) return null;
  return (
    <div role="status" aria-live="polite" className="fixed inset-x-0 top-0 z-50 flex justify-center p-2">
      <p className="rounded-md border border-border bg-card px-4 py-2 text-sm shadow-md">
        <span className="mr-2 inline-block size-2 animate-pulse rounded-full bg-amber-500 align-middle" aria-hidden />
        Backend unavailable, reconnecting… Your unsaved input is kept.
      </p>
    </div>
  );
}
