"use client";
import * as React from "react";

// A route's error boundary (app/**/error.tsx) is in its page's first load, though most visits
// never show it: its view loads when an error happens, saying at once what failed meanwhile.
const ErrorState = React.lazy(() => import("./error-state").then((m) => ({ default: m.ErrorState })));

export function RouteError({ title, error, reset }: { title: string; error: Error; reset: () => void }) {
  return (
    <React.Suspense fallback={<p role="alert">{title}</p>}>
      <ErrorState title={title} error={error} onRetry={reset} />
    </React.Suspense>
  );
}
