// cn() joins class names without merging Tailwind conflicts (lib/utils.ts): a primitive's base
// classes are component classes a caller's utilities beat by layer order. Two utilities for one
// property on one element would instead be decided by the stylesheet's order, whatever the code
// meant. This watches every class list a page shows during a test (parsed, rendered or changed)
// and names those where tailwind-merge would drop a class.
import type { Page } from "@playwright/test";
import { twMerge } from "tailwind-merge";

declare global {
  interface Window {
    __classLists?: (lists: string[]) => void;
  }
}

/** Starts collecting the class lists `page` shows; call the result to get the conflicting ones. */
export async function watchClassLists(page: Page): Promise<() => Promise<string[]>> {
  const seen = new Set<string>();
  await page.exposeBinding("__classLists", (_source, lists: string[]) => {
    for (const l of lists) seen.add(l);
  });
  await page.addInitScript(() => {
    const sent = new Set<string>();
    let batch: string[] = [];
    const add = (el: Element) => {
      const c = el.getAttribute("class");
      if (c && !sent.has(c)) {
        sent.add(c);
        batch.push(c);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes") add(r.target as Element);
        for (const n of r.addedNodes)
          if (n instanceof Element) {
            add(n);
            n.querySelectorAll("[class]").forEach(add);
          }
      }
      if (batch.length > 0) {
        const lists = batch;
        batch = [];
        void window.__classLists?.(lists);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  });
  return async () => {
    const last = await page
      .evaluate(() => Array.from(document.querySelectorAll("[class]"), (el) => el.getAttribute("class") ?? ""))
      .catch(() => [] as string[]);
    for (const l of last) seen.add(l);
    const out: string[] = [];
    for (const list of seen) {
      const merged = new Set(twMerge(list).split(/\s+/).filter(Boolean));
      const dropped = [...new Set(list.split(/\s+/).filter(Boolean))].filter((c) => !merged.has(c));
      if (dropped.length > 0) out.push(`"${list}" (conflicting: ${dropped.join(" ")})`);
    }
    return out;
  };
}
