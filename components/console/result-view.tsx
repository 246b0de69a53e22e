"use client";
import { useMemo } from "react";
import dynamic from "next/dynamic";
import { cn } from "@/lib/utils";
import { JsonTree } from "./json-tree";
import { toResultModel } from "./result-model";

// Marked and DOMPurify load with the first HTML or Markdown result, not with the console.
const SafeMarkup = dynamic(() => import("./safe-markup").then((m) => m.SafeMarkup), { ssr: false });

const richHtml =
  "max-w-full overflow-x-auto text-sm [&_table]:border-collapse [&_table]:font-mono [&_table]:text-xs [&_td]:border [&_td]:border-border [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_th]:border [&_th]:border-border [&_th]:bg-muted [&_th]:px-2 [&_th]:py-1 [&_th]:text-right [&_a]:text-primary [&_a]:underline";
const prose =
  "text-sm [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_p]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:font-mono [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-muted [&_pre]:p-2";

export function ResultView({ result }: { result: Record<string, unknown> }) {
  const { view, isMainResult } = useMemo(() => toResultModel(result), [result]);
  const wrap = cn("min-w-0", isMainResult && "border-l-2 border-primary/50 pl-2");
  switch (view.kind) {
    case "image":
      return (
        <div className={wrap}>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL from the kernel, not an optimisable asset */}
          <img
            src={view.src}
            alt={`Output image (${view.mime})`}
            data-result-kind="image"
            className="h-auto max-w-full rounded bg-white"
          />
        </div>
      );
    case "html":
      return (
        <div className={wrap}>
          <SafeMarkup html={view.html} kind="html" className={richHtml} />
        </div>
      );
    case "markdown":
      return (
        <div className={wrap}>
          <SafeMarkup html={view.markdown} kind="markdown" className={prose} />
        </div>
      );
    case "json":
      return (
        <div className={cn(wrap, "font-mono text-xs")} data-result-kind="json">
          <JsonTree value={view.value} />
        </div>
      );
    case "latex":
    case "text":
      return (
        <pre data-result-kind={view.kind} className={cn(wrap, "font-mono text-sm break-words whitespace-pre-wrap")}>
          {view.text}
        </pre>
      );
  }
}
