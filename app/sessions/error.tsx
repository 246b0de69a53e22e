"use client";
import { ErrorState } from "@/components/ui/error-state";

export default function SessionsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="The sessions page failed" error={error} onRetry={reset} />;
}
