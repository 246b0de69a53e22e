"use client";
import * as React from "react";
import { Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { LazyConfirmDialog } from "@/components/ui/lazy-confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { toastError, toastSuccess } from "@/components/ui/notify";
import { RoleNotice } from "@/components/auth/role-notice";
import { LabelChips } from "@/components/labels/label-chips";
import { LabelsEditor } from "@/components/labels/labels-editor";
import {
  labelsFromRows,
  rowsFromLabels,
  sameLabels,
  validateLabelRows,
  type LabelRow,
} from "@/components/labels/label-validation";
import { serverLabelErrors } from "@/components/labels/server-label-errors";
import { useSaveLabels } from "@/components/labels/use-save-labels";
import type { Labels } from "@/lib/api/schemas/labels";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard";

export function SessionLabelsCard({ sessionId, labels }: { sessionId: string; labels: Labels }) {
  const [rows, setRows] = React.useState<LabelRow[]>(() => rowsFromLabels(labels));
  const [base, setBase] = React.useState<Labels>(labels);
  const save = useSaveLabels(sessionId);
  const validation = validateLabelRows(rows);
  const draft = validation.valid ? labelsFromRows(rows) : null;
  const dirty = draft === null || !sameLabels(draft, base);
  const guard = useUnsavedChangesGuard(dirty);
  const server = serverLabelErrors(save.error);

  // Another tab or a bulk edit changed the labels: follow them unless the user is mid-edit.
  if (!dirty && !sameLabels(labels, base)) {
    setBase(labels);
    setRows(rowsFromLabels(labels));
  }

  const onSave = () => {
    if (!draft) return;
    save.mutate(draft, {
      onSuccess: (r) => {
        setBase(r.labels);
        setRows(rowsFromLabels(r.labels));
        toastSuccess("Labels saved", `${Object.keys(r.labels).length} labels`);
      },
      onError: (e) => toastError("Labels were not saved", e),
    });
  };

  return (
    <section aria-labelledby="labels-heading" className="space-y-3 rounded-lg border border-border p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="labels-heading" className="font-semibold">
          Labels
        </h2>
        {dirty ? <span className="text-xs font-medium text-warning">Unsaved changes</span> : null}
      </div>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <LabelsEditor
          idPrefix="detail"
          rows={rows}
          onChange={setRows}
          validation={validation}
          serverErrors={server.byKey}
          disabled={save.isPending}
        />
        {save.isError && server.form ? <ErrorState title="The server rejected the labels" error={save.error} /> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={!dirty || !validation.valid || save.isPending} data-testid="save-labels">
            {/* A throttled save is being retried (see lib/api/throttle.ts): the edits stay in the form. */}
            {save.isPending ? (save.failureCount > 0 ? "Retrying…" : "Saving…") : "Save labels"}
          </Button>
          <Button
            variant="ghost"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setRows(rowsFromLabels(base));
              save.reset();
            }}
          >
            <Undo2 aria-hidden /> Discard changes
          </Button>
        </div>
      </form>
      <LazyConfirmDialog
        open={guard.pendingHref !== null}
        onOpenChange={(o) => !o && guard.stay()}
        title="Leave without saving?"
        description="Your label changes have not been saved and will be lost."
        confirmLabel="Leave"
        cancelLabel="Stay"
        destructive
        onConfirm={guard.leave}
      />
    </section>
  );
}

/** A viewer's labels card: the labels, no editor. */
export function SessionLabelsReadOnly({ labels }: { labels: Labels }) {
  return (
    <section aria-labelledby="labels-heading" className="space-y-3 rounded-lg border border-border p-4">
      <h2 id="labels-heading" className="font-semibold">
        Labels
      </h2>
      <LabelChips labels={labels} max={Infinity} />
      <RoleNotice>edit labels</RoleNotice>
    </section>
  );
}
