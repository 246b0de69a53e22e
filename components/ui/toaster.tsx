"use client";
import * as React from "react";

// Sonner loads on the first toast, not with every page: the sessions list must stay light and
// most visits never toast. `loadToasts()` resolves once the Toaster is mounted and listening.
type Sonner = typeof import("sonner");
let sonner: Sonner | null = null;
let loading: Promise<Sonner> | null = null;
let markMounted: () => void = () => {};
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});
const listeners = new Set<() => void>();

export function loadToasts(): Promise<Sonner> {
  loading ??= import("sonner").then((m) => {
    sonner = m;
    for (const l of listeners) l();
    return m;
  });
  return loading.then((m) => mounted.then(() => m));
}

function subscribe(cb: () => void) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function LazyToaster({ theme }: { theme: "light" | "dark" }) {
  const m = React.useSyncExternalStore(
    subscribe,
    () => sonner,
    () => null,
  );
  if (!m) return null;
  return (
    <>
      <m.Toaster theme={theme} richColors closeButton position="bottom-right" toastOptions={{ duration: 6000 }} />
      {/* A later sibling: its effect runs after the Toaster's own, i.e. once the Toaster listens. */}
      <MountedSignal />
    </>
  );
}

function MountedSignal() {
  React.useEffect(() => markMounted(), []);
  return null;
}

/** For pages whose components call sonner's `toast` directly (the console): mount the Toaster now. */
export function useToasterReady() {
  React.useEffect(() => {
    void loadToasts();
  }, []);
}
