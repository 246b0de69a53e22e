import { HydrationBoundary } from "@tanstack/react-query";
import { prefetchSessionsList } from "@/lib/server/sessions/prefetch";
import { SessionsPage } from "@/components/sessions/sessions-page";

/** The sessions page with its first rows read on the server (none when AGB is slow or failing). */
export async function PrefetchedSessionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const state = await prefetchSessionsList(await searchParams);
  return (
    <HydrationBoundary state={state}>
      <SessionsPage />
    </HydrationBoundary>
  );
}
