"use client";
import { useMemo } from "react";
import { markdownToSafeHtml, sanitizeHtml } from "./sanitize";

/** Sanitized markup only: the string passed to the DOM is DOMPurify's output, never the kernel's. */
export function SafeMarkup({ html, className, kind }: { html: string; className: string; kind: string }) {
  const clean = useMemo(() => (kind === "markdown" ? markdownToSafeHtml(html) : sanitizeHtml(html)), [html, kind]);
  return <div data-result-kind={kind} className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
}
