"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

/** `pendingHref` value for "the entry before this page" (the browser's Back button). */
const BACK = "__back__";

/**
 * While `dirty`, leaving the page asks first: the browser's own prompt for reload/close, and our
 * dialog for in-app links (the App Router has no navigation-blocking API, so links are intercepted)
 * and for Back. For Back, a second history entry for this same URL is pushed while dirty: Back then
 * lands on this page again (a no-op for the router, as the entry keeps Next's own state), and the
 * dialog decides whether to go one further.
 */
export function useUnsavedChangesGuard(dirty: boolean) {
  const router = useRouter();
  const [pendingHref, setPendingHref] = useState<string | null>(null);
  const sentinel = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    if (!sentinel.current) {
      window.history.pushState(window.history.state, "", window.location.href);
      sentinel.current = true;
    }
    const onPopState = () => {
      if (!sentinel.current) return;
      sentinel.current = false;
      setPendingHref(BACK);
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [dirty]);

  // Saved or discarded while still here: drop the guard entry, so Back needs one press again.
  useEffect(() => {
    if (!dirty && sentinel.current) {
      sentinel.current = false;
      window.history.back();
    }
  }, [dirty]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      setPendingHref(url.pathname + url.search + url.hash);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  const leave = useCallback(() => {
    if (pendingHref === BACK) window.history.back();
    else if (pendingHref) router.push(pendingHref);
    setPendingHref(null);
  }, [pendingHref, router]);
  const stay = useCallback(() => {
    // Staying after Back: put the guard entry back, so the next Back asks again.
    if (pendingHref === BACK) {
      window.history.pushState(window.history.state, "", window.location.href);
      sentinel.current = true;
    }
    setPendingHref(null);
  }, [pendingHref]);
  return { pendingHref, leave, stay };
}
