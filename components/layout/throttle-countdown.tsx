"use client";
import * as React from "react";
import { Hourglass } from "lucide-react";

/** "AGB is limiting requests, retrying in N s", counting down to `retryAt` (epoch ms); nothing once past. */
export default function ThrottleCountdown({ retryAt }: { retryAt: number }) {
  const [now, setNow] = React.useState(() => Date.now());
  const waiting = retryAt > now;
  React.useEffect(() => {
    if (retryAt <= Date.now()) return;
    const tick = () => setNow(Date.now());
    tick();
    const t = setInterval(tick, 250);
    return () => clearInterval(t);
  }, [retryAt]);
  if (!waiting) return null;
  const s = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return (
    <div
      role="status"
      data-testid="throttle-notice"
      className="fixed inset-x-0 top-2 z-50 mx-auto flex w-fit max-w-[calc(100%-1rem)] items-center gap-2 rounded-md border border-warning/40 bg-background px-3 py-2 text-sm shadow-md"
    >
      <Hourglass className="size-4 shrink-0 text-warning" aria-hidden />
      <span>
        AGB is limiting requests, retrying in <span className="tabular-nums">{s}</span> s
      </span>
    </div>
  );
}
