"use client";
import * as React from "react";
import { Plus } from "lucide-react";
import { Button, type ButtonProps } from "@/components/ui/button";
import type { LabelPair } from "@/lib/query-keys";

const Content = React.lazy(() =>
  import("./create-session-dialog-content").then((m) => ({ default: m.CreateSessionDialogContent })),
);

/** The "New session" button; the dialog's code loads on first open, keeping the list page light. */
export function CreateSessionDialog({
  initialLabels = [],
  children = "New session",
  ...buttonProps
}: { initialLabels?: LabelPair[]; children?: React.ReactNode } & Omit<ButtonProps, "onClick">) {
  const [open, setOpen] = React.useState(false);
  const [mounted, setMounted] = React.useState(false);
  return (
    <>
      <Button
        data-testid="create-session"
        aria-haspopup="dialog"
        {...buttonProps}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
        // Fetch the dialog's chunk as soon as the pointer or focus is near the button.
        onPointerEnter={() => void import("./create-session-dialog-content")}
        onFocus={() => void import("./create-session-dialog-content")}
      >
        <Plus aria-hidden /> {children}
      </Button>
      {mounted ? (
        <React.Suspense>
          <Content open={open} onOpenChange={setOpen} initialLabels={initialLabels} />
        </React.Suspense>
      ) : null}
    </>
  );
}
