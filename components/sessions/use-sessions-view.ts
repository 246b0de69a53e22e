"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { prefetchSessionsList } from "./use-sessions-list";
import { parseSessionsView, serializeSessionsView, type ParsedView, type SessionsView } from "./url-state";

/**
 * The list view as read from the URL, and a setter that writes it back: a push (so back/forward
 * step through filters and pages) or a replace (for corrections the user did not ask for).
 */
export function useSessionsView(): {
  view: ParsedView;
  href: (v: SessionsView) => string;
  setView: (v: SessionsView, opts?: { replace?: boolean }) => void;
} {
  const params = useSearchParams();
  const pathname = usePathname();
  const key = params.toString();
  const view = useMemo(() => parseSessionsView(new URLSearchParams(key)), [key]);
  const href = useCallback((v: SessionsView) => `${pathname}${serializeSessionsView(v)}`, [pathname]);
  const setView = useCallback(
    (v: SessionsView, opts?: { replace?: boolean }) => {
      // The request leaves now, not after the router's transition has re-rendered the page with the
      // new URL: the list hook then finds it in flight (or done) under the same key.
      void prefetchSessionsList({ labels: v.labels, page: v.page, size: v.size });
      // Native history calls sync with useSearchParams without a server round trip (router.push
      // would fetch the page's RSC payload on every filter or page change).
      const to = href(v);
      if (opts?.replace) window.history.replaceState(null, "", to);
      else window.history.pushState(null, "", to);
    },
    [href],
  );
  return { view, href, setView };
}
