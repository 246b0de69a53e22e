"use client";
import { RouteError } from "@/components/ui/route-error";

export default function SessionsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError title="The sessions page failed" error={error} reset={reset} />;
}
