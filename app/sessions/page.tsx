import { Suspense } from "react";
import type { Metadata } from "next";
import { SessionsPage } from "@/components/sessions/sessions-page";
import { SessionsTableSkeleton } from "@/components/sessions/sessions-table";

export const metadata: Metadata = { title: "Sessions" };

// The view lives in the URL (useSearchParams), which needs a Suspense boundary to render.
export default function Page() {
  return (
    <Suspense fallback={<SessionsTableSkeleton />}>
      <SessionsPage />
    </Suspense>
  );
}
