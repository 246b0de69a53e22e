"use client";
import * as React from "react";
import { useCan } from "@/components/auth/current-user";
import { LabelFilter } from "@/components/labels/label-filter";
import type { LabelPair } from "@/lib/query-keys";
import { cn } from "@/lib/utils";
import { CreateSessionDialog } from "./create-session-dialog";
import { GoToSession } from "./go-to-session";
import { ListSummary } from "./list-summary";
import { Pagination } from "./pagination";
import { SessionsTable } from "./sessions-table";
import { withLabel, withoutLabel, type PageSize, type SessionsView } from "./url-state";
import { useRowLabels } from "./use-row-labels";
import { useSelection } from "./use-selection";
import { useSessionsList, type InitialList } from "./use-sessions-list";
import { useSessionsView } from "./use-sessions-view";
import { useWalkProgress } from "./walk-progress";
import { WalkNotice } from "./walk-notice";

// Loaded when first shown, so a list with rows does not carry them: bulk dialogs (Radix dialog,
// labels editor) when a bulk action starts, the selection bar with the first selected row, the
// notice of a malformed link; and the loading table, an empty list or its error (which the
// server's HTML may hold). React.lazy rather than next/dynamic: the list's first load then
// carries no next/dynamic runtime.
const BULK_DIALOGS = {
  delete: React.lazy(() => import("./bulk-delete-dialog").then((m) => ({ default: m.BulkDeleteDialog }))),
  labels: React.lazy(() => import("./bulk-labels-dialog").then((m) => ({ default: m.BulkLabelsDialog }))),
};
const SelectionBar = React.lazy(() => import("./selection-bar").then((m) => ({ default: m.SelectionBar })));
const UrlNotices = React.lazy(() => import("./url-notices").then((m) => ({ default: m.UrlNotices })));
const SessionsTableSkeleton = React.lazy(() =>
  import("./sessions-table-skeleton").then((m) => ({ default: m.SessionsTableSkeleton })),
);
const ListEmpty = React.lazy(() => import("./list-fallbacks").then((m) => ({ default: m.ListEmpty })));
const ListError = React.lazy(() => import("./list-fallbacks").then((m) => ({ default: m.ListError })));

export function SessionsPage({ initial }: { initial: InitialList | null }) {
  const { view: parsed, href, setView } = useSessionsView();
  const { labels, page, size } = parsed;
  const view: SessionsView = React.useMemo(() => ({ labels, page, size }), [labels, page, size]);
  const list = useSessionsList(view, initial);
  const walk = useWalkProgress(view);
  const selection = useSelection();
  const [notices, setNotices] = React.useState<string[]>([]);
  const [dialog, setDialog] = React.useState<keyof typeof BULK_DIALOGS | null>(null);
  const [dialogIds, setDialogIds] = React.useState<string[]>([]);
  // Viewers get no create, selection or bulk actions (the API would refuse them: 403).
  const canChange = useCan("operator");

  // A malformed link: say what was dropped, then show the canonical URL so a copy of it is clean.
  React.useEffect(() => {
    if (parsed.notices.length === 0) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the notice outlives the URL fix below
    setNotices(parsed.notices);
    setView(view, { replace: true });
  }, [parsed.notices, view, setView]);

  const filterKey = JSON.stringify(labels);
  const { clear: clearSelection } = selection;
  React.useEffect(() => clearSelection(), [filterKey, clearSelection]);

  // Sessions released meanwhile can leave the user past the last page: step back to it.
  const data = list.data;
  React.useEffect(() => {
    if (!data || list.isPlaceholderData) return;
    if (data.total > 0 && page > data.pageCount) setView({ ...view, page: data.pageCount }, { replace: true });
  }, [data, list.isPlaceholderData, page, view, setView]);

  // Stable across view changes, so the memoised rows do not all re-render when the filter or page changes.
  const viewRef = React.useRef(view);
  React.useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const onPickLabel = React.useCallback((p: LabelPair) => setView(withLabel(viewRef.current, p)), [setView]);
  const items = React.useMemo(() => data?.items ?? [], [data]);
  const rows = useRowLabels(items);
  const onTogglePage = React.useCallback(
    (on: boolean) =>
      selection.togglePage(
        rows.map((r) => r.sessionId),
        on,
      ),
    [rows, selection],
  );
  const pageFullySelected = rows.length > 0 && rows.every((r) => selection.isSelected(r.sessionId));

  const openBulk = (kind: keyof typeof BULK_DIALOGS) => {
    setDialogIds([...selection.ids]);
    setDialog(kind);
  };
  const BulkDialog = dialog ? BULK_DIALOGS[dialog] : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
          <p className="text-sm text-muted-foreground">Active sandboxes, newest first.</p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <GoToSession />
          {canChange ? <CreateSessionDialog initialLabels={labels} /> : null}
        </div>
      </div>

      {notices.length > 0 ? (
        <React.Suspense>
          <UrlNotices notices={notices} onDismiss={() => setNotices([])} />
        </React.Suspense>
      ) : null}

      <LabelFilter
        labels={labels}
        onAdd={(p) => setView(withLabel(view, p))}
        onRemove={(k) => setView(withoutLabel(view, k))}
        onClear={() => setView({ ...view, labels: [], page: 1 })}
      />

      {/* Not lazy: a short walk would be over before the notice's code arrived. */}
      {walk ? <WalkNotice step={walk} /> : null}

      {list.isPending ? (
        <React.Suspense>
          <SessionsTableSkeleton />
        </React.Suspense>
      ) : list.isError && !data ? (
        <React.Suspense>
          <ListError
            error={list.error}
            onRetry={() => list.refetch()}
            onFirstPage={() => setView({ ...view, page: 1 })}
          />
        </React.Suspense>
      ) : data && data.total === 0 && !list.isPlaceholderData ? (
        <React.Suspense>
          <ListEmpty labels={labels} canChange={canChange} onClear={() => setView({ ...view, labels: [], page: 1 })} />
        </React.Suspense>
      ) : data ? (
        <>
          <ListSummary
            data={data}
            refreshing={list.isFetching}
            stale={list.isPlaceholderData}
            refreshError={list.isError ? list.error : null}
          />
          {canChange && selection.count > 0 ? (
            <React.Suspense>
              <SelectionBar
                count={selection.count}
                total={data.total}
                allMatching={selection.allMatching}
                labels={labels}
                pageFullySelected={pageFullySelected}
                onSelectAll={selection.selectAll}
                onClear={selection.clear}
                onDelete={() => openBulk("delete")}
                onEditLabels={() => openBulk("labels")}
              />
            </React.Suspense>
          ) : null}
          <div className={cn("transition-opacity", list.isPlaceholderData && "opacity-60")}>
            <SessionsTable
              rows={rows}
              isSelected={selection.isSelected}
              onToggle={selection.toggle}
              onTogglePage={onTogglePage}
              onPickLabel={onPickLabel}
              busy={list.isPlaceholderData}
            />
          </div>
          <Pagination
            view={view}
            pageCount={data.pageCount}
            href={href}
            onSize={(s: PageSize) => setView({ ...view, size: s, page: 1 })}
            onPage={setView}
          />
        </>
      ) : null}

      {BulkDialog ? (
        <React.Suspense>
          <BulkDialog open ids={dialogIds} onOpenChange={(o) => !o && setDialog(null)} onDone={selection.replace} />
        </React.Suspense>
      ) : null}
    </div>
  );
}
