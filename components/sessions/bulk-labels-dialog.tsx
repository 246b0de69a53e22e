"use client";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import * as React from "react";
import { Button } from "@/components/ui/button";
import { toastFailure, toastSuccess } from "@/components/ui/notify";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { FieldMessage, Label } from "@/components/ui/label";
import { LabelsEditor } from "@/components/labels/labels-editor";
import { labelsFromRows, newRowId, validateLabelRows, type LabelRow } from "@/components/labels/label-validation";
import { labelKeySchema } from "@/lib/api/schemas/labels";
import { formatCount } from "./format";
import { BulkReport } from "./bulk-report";
import { useBulkAction } from "./use-bulk-action";

type Props = {
  open: boolean;
  ids: string[];
  onOpenChange: (o: boolean) => void;
  onDone: (failedIds: string[]) => void;
};

function parseRemoveKeys(text: string): { keys: string[]; error?: string } {
  const keys = [
    ...new Set(
      text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  for (const k of keys) {
    const r = labelKeySchema.safeParse(k);
    if (!r.success) return { keys, error: r.error.issues[0]?.message };
  }
  return { keys };
}

/** Sets and/or removes labels on every selected session, in chunks, with a per-session report. */
export function BulkLabelsDialog({ open, ids, onOpenChange, onDone }: Props) {
  const [rows, setRows] = React.useState<LabelRow[]>(() => [{ id: newRowId(), key: "", value: "" }]);
  const [removeText, setRemoveText] = React.useState("");
  const { progress, run, reset } = useBulkAction();
  const validation = validateLabelRows(rows);
  const removal = parseRemoveKeys(removeText);
  const set = validation.valid ? labelsFromRows(rows) : {};
  const nothing = Object.keys(set).length === 0 && removal.keys.length === 0;
  const running = progress?.running ?? false;
  const finished = progress !== null && !progress.running;
  const n = formatCount(ids.length);
  const noun = ids.length === 1 ? "session" : "sessions";

  const close = (o: boolean) => {
    if (running) return;
    if (!o && finished) onDone(progress.failures.map((f) => f.sessionId));
    if (!o) {
      reset();
      setRows([{ id: newRowId(), key: "", value: "" }]);
      setRemoveText("");
    }
    onOpenChange(o);
  };

  const start = async () => {
    const r = await run(ids, (chunk) =>
      callApi(endpoints.bulkLabels, { body: { sessionIds: chunk, set, remove: removal.keys } }),
    );
    const ok = r.done - r.failures.length;
    if (r.failures.length === 0)
      toastSuccess(`Updated labels on ${formatCount(ok)} ${ok === 1 ? "session" : "sessions"}`);
    else {
      const first = r.failures[0];
      toastFailure(
        `Updated ${formatCount(ok)}, ${formatCount(r.failures.length)} failed`,
        `${first.message}${first.requestId ? ` · Request ID: ${first.requestId}` : ""}`,
      );
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent hideClose={running} className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>
            Edit labels of {n} {noun}
          </DialogTitle>
          <DialogDescription>
            Labels below are added or overwritten; keys listed under “Remove” are dropped. Other labels stay as they
            are.
          </DialogDescription>
        </DialogHeader>
        {progress ? (
          <BulkReport progress={progress} verb="Updating" />
        ) : (
          <div className="space-y-4">
            <fieldset className="space-y-2">
              <legend className="mb-2 text-sm font-medium">Set</legend>
              <LabelsEditor idPrefix="bulk" rows={rows} onChange={setRows} validation={validation} />
            </fieldset>
            <div className="space-y-1.5">
              <Label htmlFor="bulk-remove">Remove keys (comma separated)</Label>
              <Input
                id="bulk-remove"
                value={removeText}
                placeholder="e.g. owner, tmp"
                aria-invalid={removal.error ? true : undefined}
                aria-describedby={removal.error ? "bulk-remove-err" : undefined}
                onChange={(e) => setRemoveText(e.target.value)}
                className="font-mono text-xs"
              />
              <FieldMessage id="bulk-remove-err" error>
                {removal.error}
              </FieldMessage>
            </div>
          </div>
        )}
        <DialogFooter>
          {finished ? (
            <Button onClick={() => close(false)}>Done</Button>
          ) : (
            <>
              <Button variant="outline" disabled={running} onClick={() => close(false)}>
                Cancel
              </Button>
              <Button disabled={running || nothing || !validation.valid || Boolean(removal.error)} onClick={start}>
                {running ? "Applying…" : `Apply to ${n} ${noun}`}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
