import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { EARLY_LIST_HEADER, takeEarlyList } from "@/lib/server/sessions/early-list";
import { prefetchSessionsList, toUrlParams } from "@/lib/server/sessions/prefetch";
import { SessionsPage } from "@/components/sessions/sessions-page";
import type { InitialList } from "@/components/sessions/use-sessions-list";

export const metadata: Metadata = { title: "Sessions" };

// A document load streams: the head and the app's frame go out at once, so the browser loads the
// styles and scripts and hydrates the frame while the server waits for AGB; the rows follow in the
// same response (a Suspense boundary) once its answer is in.
//
// Nothing is painted before the rows. The expect link (blocking="render", hoisted into <head>)
// holds the first frame until the parser reaches the end marker after them, so the whole table
// and its labels are in the first paint, not painted part-parsed and styled again.
//
// React reveals streamed content from an animation frame, and holds a reveal back until 300 ms
// after the first paint (the time it keeps in window.$RT). Here the first paint is the rows' own,
// so that delay could only ever hold back the rows themselves (when a frame slips in between the
// marker and React's reveal script): REVEAL_AT_ONCE keeps $RT unset on this page.
//
// A client-side navigation (an RSC request) gets no boundary: a newly shown fallback would hold the
// rows back those same 300 ms, so the old page stays until the new one is whole. Next hides its
// `rsc` header from headers(); what tells the two apart is that only a document load asks for
// text/html (the router's fetch sends `Accept: */*`).
const PAGE_END = "sessions-page-end";
const REVEAL_AT_ONCE = 'Object.defineProperty(window,"$RT",{configurable:true,get:function(){},set:function(){}})';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const h = await headers();
  // A document load's list call was started when its request arrived (lib/server/sessions/early-list.ts).
  const initial = takeEarlyList(h.get(EARLY_LIST_HEADER)) ?? prefetchSessionsList(toUrlParams(await searchParams));
  const documentLoad = h.get("accept")?.includes("text/html") ?? false;
  const rows = <Rows initial={initial} />;
  return (
    <>
      <link rel="expect" href={`#${PAGE_END}`} blocking="render" />
      {documentLoad ? (
        <>
          <script dangerouslySetInnerHTML={{ __html: REVEAL_AT_ONCE }} />
          <Suspense fallback={null}>{rows}</Suspense>
        </>
      ) : (
        rows
      )}
    </>
  );
}

async function Rows({ initial }: { initial: Promise<InitialList | null> }) {
  return (
    <>
      <SessionsPage initial={await initial} />
      <div id={PAGE_END} hidden />
    </>
  );
}
