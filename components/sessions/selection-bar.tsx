"use client";
import * as React from "react";
import { Tags, Trash2, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/ui/notify";
import type { LabelPair } from "@/lib/query-keys";
import { formatCount } from "./format";
import { useFetchSessionIds } from "./use-session-ids";

type Props = {
  count: number;
  total: number;
  allMatching: boolean;
  /** The filter whose every matching id "Select all N matching" fetches. */
  labels: LabelPair[];
  pageFullySelected: boolean;
  onSelectAll: (ids: string[]) => void;
  onClear: () => void;
  onDelete: () => void;
  onEditLabels: () => void;
};

export function SelectionBar({
  count,
  total,
  allMatching,
  labels,
  pageFullySelected,
  onSelectAll,
  onClear,
  onDelete,
  onEditLabels,
}: Props) {
  const fetchIds = useFetchSessionIds();
  const [loadingAll, setLoadingAll] = React.useState(false);
  const selectAllMatching = async () => {
    setLoadingAll(true);
    try {
      onSelectAll((await fetchIds(labels)).ids);
    } catch (e) {
      toastError("Could not select all matching sessions", e);
    } finally {
      setLoadingAll(false);
    }
  };
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label="Selection"
      className="flex flex-wrap items-center gap-2 rounded-md border border-primary/30 bg-primary/5 px-3 py-2 text-sm"
      data-testid="selection-bar"
    >
      <span className="font-medium" aria-live="polite">
        {allMatching ? `All ${formatCount(count)} matching sessions selected` : `${formatCount(count)} selected`}
      </span>
      {!allMatching && pageFullySelected && total > count ? (
        <Button variant="link" size="sm" className="h-7 px-1" disabled={loadingAll} onClick={selectAllMatching}>
          {loadingAll ? "Selecting…" : `Select all ${formatCount(total)} matching`}
        </Button>
      ) : null}
      <div className="ml-auto flex flex-wrap gap-2">
        <Button variant="outline" size="sm" onClick={onEditLabels}>
          <Tags aria-hidden /> Edit labels
        </Button>
        <Button variant="destructive" size="sm" onClick={onDelete}>
          <Trash2 aria-hidden /> Delete
        </Button>
        <Button variant="ghost" size="sm" onClick={onClear}>
          <X aria-hidden /> Clear selection
        </Button>
      </div>
    </div>
  );
}
