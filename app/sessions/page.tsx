import type { Metadata } from "next";
import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { prefetchSessionsList } from "@/lib/server/sessions/prefetch";
import { SessionsPage } from "@/components/sessions/sessions-page";

export const metadata: Metadata = { title: "Sessions" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The shell (head, styles, scripts, navigation) goes out at once, so the browser fetches and runs
// the scripts while the server waits for AGB's first page; the page itself streams in behind a
// Suspense boundary with its rows. The browser paints nothing before that (blocking="render",
// hoisted into <head>, until the parser reaches the end marker inside the boundary): an empty
// shell painted first would make React hold the boundary's reveal for 300 ms, and a table painted
// while parsed would show the last rows one more style and layout pass later.
const PAGE_END = "sessions-page-end";

export default function Page({ searchParams }: { searchParams: SearchParams }) {
  return (
    <>
      <link rel="expect" href={`#${PAGE_END}`} blocking="render" />
      <Suspense fallback={null}>
        <SessionsWithFirstRows searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function SessionsWithFirstRows({ searchParams }: { searchParams: SearchParams }) {
  const state = await prefetchSessionsList(await searchParams);
  return (
    <>
      <HydrationBoundary state={state}>
        <SessionsPage />
      </HydrationBoundary>
      <Suspense fallback={null}>
        <PageEnd />
      </Suspense>
    </>
  );
}

/**
 * The end marker comes in a boundary of its own, a moment after the rows' boundary and its reveal
 * script: were it the rows' last element, Chromium could render a frame between parsing it and
 * running the reveal script, and React would then hold the reveal for 300 ms.
 */
async function PageEnd() {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return <div id={PAGE_END} hidden />;
}
