"use client";
import * as React from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { QueryProvider } from "@/components/query/query-provider";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { FieldMessage, Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { toastError, toastSuccess } from "@/components/ui/notify";
import { LabelsEditor } from "@/components/labels/labels-editor";
import { labelsFromRows, newRowId, validateLabelRows, type LabelRow } from "@/components/labels/label-validation";
import { serverLabelErrors } from "@/components/labels/server-label-errors";
import { IDLE_TIMEOUT_S } from "@/lib/protocol/idle";
import type { LabelPair } from "@/lib/query-keys";
import { useCreateSession } from "./use-create-session";
import { useImages } from "./use-images";

/**
 * The dialog body: loaded with the Radix dialog and select only when someone opens it. It mounts its
 * own QueryProvider: the sessions list, which opens it, loads without react-query.
 */
export function CreateSessionDialogContent({
  open,
  onOpenChange,
  initialLabels,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  initialLabels: LabelPair[];
}) {
  return (
    <QueryProvider>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent className="max-w-2xl">
          {open ? <CreateSessionForm initialLabels={initialLabels} onDone={() => onOpenChange(false)} /> : null}
        </DialogContent>
      </Dialog>
    </QueryProvider>
  );
}

function validateTimeout(text: string, limits: { min: number; max: number }): string | undefined {
  if (!/^\d+$/.test(text.trim())) return "Enter a whole number of seconds";
  const n = Number(text);
  if (n < limits.min || n > limits.max) return `Between ${limits.min} and ${limits.max} seconds`;
  return undefined;
}

function CreateSessionForm({ initialLabels, onDone }: { initialLabels: LabelPair[]; onDone: () => void }) {
  const router = useRouter();
  const images = useImages();
  const create = useCreateSession();
  const limits = images.data?.idleTimeout ?? IDLE_TIMEOUT_S;
  const [imageId, setImageId] = React.useState<string>("");
  const [timeout, setTimeoutText] = React.useState<string>("");
  const [rows, setRows] = React.useState<LabelRow[]>(() =>
    initialLabels.map((l) => ({ id: newRowId(), key: l.key, value: l.value })),
  );
  const [touched, setTouched] = React.useState(false);

  const chosenImage = imageId || images.data?.images[0]?.id || "";
  const timeoutText = timeout || String(limits.default);
  const timeoutError = validateTimeout(timeoutText, limits);
  const validation = validateLabelRows(rows);
  const server = serverLabelErrors(create.error);

  const submit = (openAfter: boolean) => {
    setTouched(true);
    if (!chosenImage || timeoutError || !validation.valid) return;
    create.mutate(
      { imageId: chosenImage, labels: labelsFromRows(rows), idleTimeoutSeconds: Number(timeoutText) },
      {
        onSuccess: (s) => {
          onDone();
          toastSuccess(
            "Session created",
            s.sessionId,
            openAfter
              ? undefined
              : { label: "Open", onClick: () => router.push(`/sessions/${encodeURIComponent(s.sessionId)}`) },
          );
          if (openAfter) router.push(`/sessions/${encodeURIComponent(s.sessionId)}`);
        },
        onError: (e) => toastError("Could not create the session", e),
      },
    );
  };

  return (
    <form
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit(true);
      }}
    >
      <DialogHeader>
        <DialogTitle>New session</DialogTitle>
        <DialogDescription>
          Starts a sandbox from an image. It is released after the idle timeout without activity.
        </DialogDescription>
      </DialogHeader>

      {images.isError ? (
        <ErrorState title="Could not load images" error={images.error} onRetry={() => images.refetch()} />
      ) : (
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          <div className="space-y-1.5">
            <Label htmlFor="create-image">Image</Label>
            {images.isPending ? (
              <Skeleton className="h-9 w-full" />
            ) : (
              <Select value={chosenImage} onValueChange={setImageId} disabled={create.isPending}>
                <SelectTrigger id="create-image" data-testid="create-image">
                  <SelectValue placeholder="Choose an image" />
                </SelectTrigger>
                <SelectContent>
                  {images.data.images.map((img) => (
                    <SelectItem key={img.id} value={img.id}>
                      {img.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
            {/* Two lines kept for the image's description from the start, so that nothing below moves
                when the images arrive: a click on "Add label" right after opening landed where the
                button had been. */}
            <div className="min-h-8">
              {images.isPending ? (
                <>
                  <Skeleton className="h-3 w-full" />
                  <Skeleton className="mt-2 h-3 w-2/3" />
                </>
              ) : (
                <FieldMessage>{images.data?.images.find((i) => i.id === chosenImage)?.description}</FieldMessage>
              )}
            </div>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="create-timeout">Idle timeout (seconds)</Label>
            <Input
              id="create-timeout"
              inputMode="numeric"
              value={timeoutText}
              disabled={create.isPending}
              aria-invalid={timeoutError ? true : undefined}
              aria-describedby="create-timeout-msg"
              onChange={(e) => setTimeoutText(e.target.value)}
            />
            <FieldMessage id="create-timeout-msg" error={Boolean(timeoutError)}>
              {timeoutError ?? `${limits.min}–${limits.max} s`}
            </FieldMessage>
          </div>
        </div>
      )}

      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">Labels</legend>
        <LabelsEditor
          idPrefix="create"
          rows={rows}
          onChange={setRows}
          validation={touched || rows.length > 0 ? validation : { rows: {}, valid: true }}
          serverErrors={server.byKey}
          disabled={create.isPending}
        />
      </fieldset>

      {create.isError && server.form ? <ErrorState title="The session was not created" error={create.error} /> : null}

      <DialogFooter>
        <Button variant="outline" disabled={create.isPending} onClick={() => submit(false)}>
          {create.isPending ? "Creating…" : "Create and stay"}
        </Button>
        <Button type="submit" disabled={create.isPending || !chosenImage}>
          {create.isPending ? "Creating…" : "Create and open"}
        </Button>
      </DialogFooter>
    </form>
  );
}
