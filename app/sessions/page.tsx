import { Suspense } from "react";
import type { Metadata } from "next";
import { PrefetchedSessionsPage } from "./prefetched-sessions-page";
import { SessionsTableSkeleton } from "@/components/sessions/sessions-table-skeleton";

export const metadata: Metadata = { title: "Sessions" };

// The layout goes out at once; the list streams in when AGB answers the first page (or its budget ends).
export default function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <Suspense fallback={<SessionsTableSkeleton />}>
      <PrefetchedSessionsPage searchParams={searchParams} />
    </Suspense>
  );
}
