"use client";
// The app's one link to its own pages: navigates client-side on a plain click (any other click,
// middle-click and "copy link" act as a plain link), and prefetches the page when the pointer or
// focus reaches it (not when it scrolls into view: a list of 50 session links would send 50 server
// renders). What the app needs of next/link, without its code in every first load (issue 11):
// next/link is a client module even in a server page, so one use anywhere in a layout's tree
// (the not-found page) puts it in every page's first load.
import * as React from "react";
import { useRouter } from "next/navigation";

export function AppLink({ href, onClick, ...props }: React.ComponentProps<"a"> & { href: string }) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <a
      href={href}
      onMouseEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
      {...props}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.push(href);
      }}
    />
  );
}
