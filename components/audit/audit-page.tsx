"use client";
import * as React from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Download, ScrollText } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { apiUrl } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { AuditFiltersForm } from "./audit-filters-form";
import { AuditTable } from "./audit-table";
import { LoadMore } from "./load-more";
import { filtersFromSearch, searchFromFilters, type AuditFilters } from "./filters";
import { useAuditLog } from "./use-audit-log";

export function AuditPage() {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = React.useMemo(() => filtersFromSearch(new URLSearchParams(sp.toString())), [sp]);
  const q = useAuditLog(filters);
  const filtered = Object.keys(filters).length > 0;
  const apply = (f: AuditFilters) => router.replace(`${pathname}${searchFromFilters(f)}`, { scroll: false });
  // Plain links: the browser downloads the stream itself (Content-Disposition), with the filters shown.
  const exportHref = (format: "csv" | "jsonl") => apiUrl(endpoints.auditExport, { query: { ...filters, format } });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Audit log</h1>
          <p className="text-sm text-muted-foreground">
            Every change and console action: who, when, from where, in which session, and how it ended.
          </p>
        </div>
        <div className="flex gap-2" aria-label="Export">
          <a
            href={exportHref("csv")}
            download
            className={buttonVariants({ variant: "outline", size: "sm" })}
            data-testid="export-csv"
          >
            <Download aria-hidden /> Export CSV
          </a>
          <a
            href={exportHref("jsonl")}
            download
            className={buttonVariants({ variant: "outline", size: "sm" })}
            data-testid="export-jsonl"
          >
            <Download aria-hidden /> Export JSON lines
          </a>
        </div>
      </div>
      <AuditFiltersForm value={filters} onApply={apply} />
      {q.isPending ? (
        <div className="space-y-2" role="status" aria-label="Loading the audit log">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : q.isError && q.entries.length === 0 ? (
        <ErrorState title="Could not load the audit log" error={q.error} onRetry={() => q.refetch()} />
      ) : q.entries.length === 0 ? (
        <EmptyState
          icon={<ScrollText />}
          title={filtered ? "No entries match these filters" : "No audit entries yet"}
          description={
            filtered
              ? "Widen the time range or clear a filter."
              : "Logins, session changes, code runs, commands and file changes appear here as they happen."
          }
        />
      ) : (
        <>
          <AuditTable entries={q.entries} />
          <LoadMore q={q} />
        </>
      )}
    </div>
  );
}
