"use client";
import { toast } from "sonner";
import { ApiError } from "@/lib/api/client";

/** A failed mutation's toast: what failed, why, and the requestId to quote. */
export function toastError(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  toast.error(title, { description: requestId ? `${message} · Request ID: ${requestId}` : message });
}

export function toastSuccess(title: string, description?: string): void {
  toast.success(title, description ? { description } : undefined);
}
