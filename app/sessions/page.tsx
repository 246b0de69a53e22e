import type { Metadata } from "next";
import { prefetchSessionsList } from "@/lib/server/sessions/prefetch";
import { SessionsPage } from "@/components/sessions/sessions-page";

export const metadata: Metadata = { title: "Sessions" };

// No Suspense boundary (and no loading.tsx) on purpose: the HTML waits for AGB's first page (up to
// the prefetch's budget) so the first paint already has the rows. React reveals a streamed boundary
// no sooner than 300 ms after the shell's first paint, which alone would be 5× a ListSession call.
// The browser's first paint waits (blocking="render", hoisted into <head>) until the parser reaches
// the page's end: otherwise Chromium paints the table while parsing it, and the last rows (and
// their labels) come one parse pass and one full style/layout of the table later.
const PAGE_END = "sessions-page-end";

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initial = await prefetchSessionsList(await searchParams);
  return (
    <>
      <link rel="expect" href={`#${PAGE_END}`} blocking="render" />
      <SessionsPage initial={initial} />
      <div id={PAGE_END} hidden />
    </>
  );
}
