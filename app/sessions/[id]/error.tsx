"use client";
import { RouteError } from "@/components/ui/route-error";

export default function SessionError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError title="The session page failed" error={error} reset={reset} />;
}
