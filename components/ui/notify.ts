"use client";
import { ApiError } from "@/lib/api/client";
import { loadToasts } from "./toaster";

/** A failed mutation's toast: what failed, why, and the requestId to quote. */
export function toastError(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  void loadToasts().then(({ toast }) =>
    toast.error(title, { description: requestId ? `${message} · Request ID: ${requestId}` : message }),
  );
}

export function toastSuccess(
  title: string,
  description?: string,
  action?: { label: string; onClick: () => void },
): void {
  void loadToasts().then(({ toast }) => toast.success(title, { description, action }));
}

/** An error toast that is not an exception (e.g. a bulk run's summary). */
export function toastFailure(title: string, description?: string): void {
  void loadToasts().then(({ toast }) => toast.error(title, { description }));
}
