"use client";
// A link that navigates client-side on a plain click (any other click, or middle-click and "copy
// link", acts as a plain link) and prefetches its page when the pointer or focus reaches it. What
// the header and the sessions list need of next/link, without its code in every first load (issue 11).
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
