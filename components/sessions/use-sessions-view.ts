"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseSessionsView, serializeSessionsView, type ParsedView, type SessionsView } from "./url-state";

/**
 * The list view as read from the URL, and a setter that writes it back: a push (so back/forward
 * step through filters and pages) or a replace (for corrections the user did not ask for).
 */
export function useSessionsView(): { view: ParsedView; href: (v: SessionsView) => string; setView: (v: SessionsView, opts?: { replace?: boolean }) => void } {
  const params = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const key = params.toString();
  const view = useMemo(() => parseSessionsView(new URLSearchParams(key)), [key]);
  const href = useCallback((v: SessionsView) => `${pathname}${serializeSessionsView(v)}`, [pathname]);
  const setView = useCallback(
    (v: SessionsView, opts?: { replace?: boolean }) => {
      const to = href(v);
      if (opts?.replace) router.replace(to, { scroll: false });
      else router.push(to, { scroll: false });
    },
    [href, router],
  );
  return { view, href, setView };
}
