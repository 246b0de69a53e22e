"use client";
import { useCallback, useMemo, useState } from "react";

/**
 * Selected session ids, kept across pages. "Select all N matching" fills it with every id the
 * server returned for the filter, so deselecting one row afterwards still works.
 */
export function useSelection() {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);

  const isSelected = useCallback((id: string) => ids.has(id), [ids]);
  const toggle = useCallback((id: string, on: boolean) => {
    setAllMatching(false);
    setIds((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const togglePage = useCallback((pageIds: string[], on: boolean) => {
    setAllMatching(false);
    setIds((prev) => {
      const next = new Set(prev);
      for (const id of pageIds) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const selectAll = useCallback((all: string[]) => {
    setIds(new Set(all));
    setAllMatching(true);
  }, []);
  const replace = useCallback((keep: string[]) => {
    setIds(new Set(keep));
    setAllMatching(false);
  }, []);
  const clear = useCallback(() => {
    // Keeps the same empty set, so clearing on every filter change re-renders nothing when nothing was selected.
    setIds((prev) => (prev.size === 0 ? prev : new Set()));
    setAllMatching(false);
  }, []);

  return useMemo(
    () => ({ ids, count: ids.size, allMatching, isSelected, toggle, togglePage, selectAll, replace, clear }),
    [ids, allMatching, isSelected, toggle, togglePage, selectAll, replace, clear],
  );
}
