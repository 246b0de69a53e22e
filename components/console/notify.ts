import { toast } from "sonner";
import { ApiError } from "@/lib/api/client";

/** A mutation failure as a toast: what failed, the server's message, and the requestId to quote. */
export function toastError(what: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  toast.error(`${what}: ${message}`, { description: requestId ? `Request ID: ${requestId}` : undefined });
}
