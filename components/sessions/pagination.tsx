"use client";
import * as React from "react";
import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { MAX_WALK_PAGES, PAGE_SIZES } from "@/lib/api/paging";
import { cn } from "@/lib/utils";
import { formatCount } from "./format";
import type { PageSize, SessionsView } from "./url-state";

type Props = {
  view: SessionsView;
  pageCount: number;
  href: (v: SessionsView) => string;
  onSize: (size: PageSize) => void;
  onPage: (v: SessionsView) => void;
};

/** Links, not buttons: each page has a real URL (middle-click and copy link work); plain clicks stay client-side. */
export function Pagination({ view, pageCount, href, onSize, onPage }: Props) {
  const last = Math.max(1, pageCount);
  const page = Math.min(view.page, last);
  const sizeId = React.useId();
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={sizeId} className="text-muted-foreground">
          Rows per page
        </label>
        <NativeSelect
          id={sizeId}
          className="w-20 [&_select]:h-8"
          value={String(view.size)}
          onChange={(e) => onSize(Number(e.target.value) as PageSize)}
          data-testid="page-size"
        >
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex items-center gap-1">
        <span className="mr-2 text-sm tabular-nums" aria-live="polite" data-testid="page-indicator">
          Page {formatCount(page)} of {formatCount(last)}
        </span>
        <PageLink to={1} label="First page" disabled={page <= 1} href={href} view={view} onPage={onPage}>
          <ChevronFirst aria-hidden />
        </PageLink>
        <PageLink to={page - 1} label="Previous page" disabled={page <= 1} href={href} view={view} onPage={onPage}>
          <ChevronLeft aria-hidden />
        </PageLink>
        <PageLink to={page + 1} label="Next page" disabled={page >= last} href={href} view={view} onPage={onPage}>
          <ChevronRight aria-hidden />
        </PageLink>
        {/* AGB's list only steps forward: a last page more than MAX_WALK_PAGES away is reached by stepping. */}
        <PageLink
          to={last}
          label={
            last - page > MAX_WALK_PAGES
              ? `Last page (more than ${MAX_WALK_PAGES} pages ahead: step forward or narrow the filter)`
              : "Last page"
          }
          disabled={page >= last || last - page > MAX_WALK_PAGES}
          href={href}
          view={view}
          onPage={onPage}
        >
          <ChevronLast aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

type PageLinkProps = {
  to: number;
  label: string;
  disabled: boolean;
  href: (v: SessionsView) => string;
  view: SessionsView;
  onPage: (v: SessionsView) => void;
  children: React.ReactNode;
};

function PageLink({ to, label, disabled, href, view, onPage, children }: PageLinkProps) {
  const cls = cn(buttonVariants({ variant: "outline", size: "icon" }), "size-8");
  if (disabled)
    return (
      <span
        role="link"
        aria-disabled="true"
        aria-label={label}
        title={label}
        className={cn(cls, "pointer-events-none opacity-50")}
      >
        {children}
      </span>
    );
  return (
    <a
      href={href({ ...view, page: to })}
      aria-label={label}
      title={label}
      className={cls}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        onPage({ ...view, page: to });
      }}
    >
      {children}
    </a>
  );
}
