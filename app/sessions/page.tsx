import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { prefetchSessionsList } from "@/lib/server/sessions/prefetch";
import { SessionsPage } from "@/components/sessions/sessions-page";
import type { InitialList } from "@/components/sessions/use-sessions-list";

export const metadata: Metadata = { title: "Sessions" };

// A first page load streams: the document's head and the app's frame go out at once, so the
// browser loads the styles and scripts and hydrates the frame while the server waits for AGB; the
// rows follow in the same response (a Suspense boundary) once its answer is in.
//
// Nothing is painted before the rows. The expect link (blocking="render", hoisted into <head>)
// holds the first frame until the parser reaches the end marker, so the whole table and its labels
// are in the first paint, not painted part-parsed and styled again. That also keeps React's reveal
// of the rows immediate: it delays a reveal until 300 ms after the first paint, and here no paint
// comes before it. The marker has a boundary of its own, streamed after the rows' (one turn of the
// event loop later), so the rows' reveal script has run before the marker lets a frame through.
//
// A client-side navigation (an RSC request, header `rsc`) gets no boundary: a newly shown fallback
// would hold the rows back those same 300 ms, so the old page stays until the new one is whole.
const PAGE_END = "sessions-page-end";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const initial = prefetchSessionsList(await searchParams);
  const documentLoad = !(await headers()).has("rsc");
  const rows = <Rows initial={initial} />;
  return (
    <>
      <link rel="expect" href={`#${PAGE_END}`} blocking="render" />
      {documentLoad ? (
        <>
          <Suspense fallback={null}>{rows}</Suspense>
          <Suspense fallback={null}>
            <PageEnd after={initial} />
          </Suspense>
        </>
      ) : (
        <>
          {rows}
          <div id={PAGE_END} hidden />
        </>
      )}
    </>
  );
}

async function Rows({ initial }: { initial: Promise<InitialList | null> }) {
  return <SessionsPage initial={await initial} />;
}

async function PageEnd({ after }: { after: Promise<unknown> }) {
  await after;
  await new Promise((resolve) => setImmediate(resolve));
  return <div id={PAGE_END} hidden />;
}
