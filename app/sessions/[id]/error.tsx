"use client";
import { ErrorState } from "@/components/ui/error-state";

export default function SessionError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState title="The session page failed" error={error} onRetry={reset} />;
}
