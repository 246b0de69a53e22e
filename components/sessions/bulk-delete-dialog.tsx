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
import { formatCount } from "./format";
import { BulkReport } from "./bulk-report";
import { useBulkAction } from "./use-bulk-action";

type Props = {
  open: boolean;
  ids: string[];
  onOpenChange: (o: boolean) => void;
  onDone: (failedIds: string[]) => void;
};

export function BulkDeleteDialog({ open, ids, onOpenChange, onDone }: Props) {
  const { progress, run, reset } = useBulkAction();
  const n = formatCount(ids.length);
  const noun = ids.length === 1 ? "session" : "sessions";
  const running = progress?.running ?? false;
  const finished = progress !== null && !progress.running;

  const close = (o: boolean) => {
    if (running) return;
    if (!o && finished) onDone(progress.failures.map((f) => f.sessionId));
    if (!o) reset();
    onOpenChange(o);
  };

  const start = async () => {
    const r = await run(ids, (chunk) => callApi(endpoints.bulkDelete, { body: { sessionIds: chunk } }));
    const ok = r.done - r.failures.length;
    if (r.failures.length === 0) toastSuccess(`Deleted ${formatCount(ok)} ${ok === 1 ? "session" : "sessions"}`);
    else {
      const first = r.failures[0];
      toastFailure(
        `Deleted ${formatCount(ok)}, ${formatCount(r.failures.length)} failed`,
        `${first.message}${first.requestId ? ` · Request ID: ${first.requestId}` : ""}`,
      );
    }
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent role="alertdialog" hideClose={running}>
        <DialogHeader>
          <DialogTitle>
            Delete {n} {noun}?
          </DialogTitle>
          <DialogDescription>
            Their sandboxes are released and everything in them is lost. This cannot be undone.
          </DialogDescription>
        </DialogHeader>
        {progress ? <BulkReport progress={progress} verb="Deleting" /> : null}
        <DialogFooter>
          {finished ? (
            <Button onClick={() => close(false)}>Done</Button>
          ) : (
            <>
              <Button variant="outline" disabled={running} onClick={() => close(false)} autoFocus>
                Cancel
              </Button>
              <Button variant="destructive" disabled={running} onClick={start}>
                {running ? "Deleting…" : `Delete ${n} ${noun}`}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
