"use client";
import * as React from "react";
import Link from "next/link";
import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { PAGE_SIZES } from "@/lib/api/schemas/sessions";
import { cn } from "@/lib/utils";
import { formatCount } from "./format";
import type { PageSize, SessionsView } from "./url-state";

type Props = {
  view: SessionsView;
  pageCount: number;
  href: (v: SessionsView) => string;
  onSize: (size: PageSize) => void;
};

/** Links, not buttons: each page has a real URL (middle-click, copy link, back/forward all work). */
export function Pagination({ view, pageCount, href, onSize }: Props) {
  const last = Math.max(1, pageCount);
  const page = Math.min(view.page, last);
  const sizeId = React.useId();
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex items-center gap-2 text-sm">
        <span id={sizeId} className="text-muted-foreground">
          Rows per page
        </span>
        <Select value={String(view.size)} onValueChange={(v) => onSize(Number(v) as PageSize)}>
          <SelectTrigger className="h-8 w-20" aria-labelledby={sizeId} data-testid="page-size">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {PAGE_SIZES.map((s) => (
              <SelectItem key={s} value={String(s)}>
                {s}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex items-center gap-1">
        <span className="mr-2 text-sm tabular-nums" aria-live="polite" data-testid="page-indicator">
          Page {formatCount(page)} of {formatCount(last)}
        </span>
        <PageLink to={1} label="First page" disabled={page <= 1} href={href} view={view}>
          <ChevronFirst aria-hidden />
        </PageLink>
        <PageLink to={page - 1} label="Previous page" disabled={page <= 1} href={href} view={view}>
          <ChevronLeft aria-hidden />
        </PageLink>
        <PageLink to={page + 1} label="Next page" disabled={page >= last} href={href} view={view}>
          <ChevronRight aria-hidden />
        </PageLink>
        <PageLink to={last} label="Last page" disabled={page >= last} href={href} view={view}>
          <ChevronLast aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ to, label, disabled, href, view, children }: { to: number; label: string; disabled: boolean; href: (v: SessionsView) => string; view: SessionsView; children: React.ReactNode }) {
  const cls = cn(buttonVariants({ variant: "outline", size: "icon" }), "size-8");
  if (disabled)
    return (
      <span role="link" aria-disabled="true" aria-label={label} className={cn(cls, "pointer-events-none opacity-50")}>
        {children}
      </span>
    );
  return (
    <Link href={href({ ...view, page: to })} scroll={false} aria-label={label} title={label} className={cls}>
      {children}
    </Link>
  );
}
