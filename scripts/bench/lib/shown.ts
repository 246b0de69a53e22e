// When the sessions page shows its rows, as the person looking at it would see them.
import type { BrowserContext } from "@playwright/test";

export type Shown = Window & { __shown?: { firstRow?: number; allLabels?: number } };

/**
 * Runs in the page before its HTML: the time (from navigation start) of the animation frame that
 * first shows a session row, and of the one that first shows `rows` rows, each with its `labelKey`
 * label. A streamed row is in the DOM, hidden, before React reveals it (from an animation frame
 * callback of its own), so a row counts when a ResizeObserver (which runs after the frame's style
 * and layout) sees it visible, and the time is that frame's start (its first requestAnimationFrame
 * callback). Polling from the test would add the wait for a main thread busy with hydration
 * instead. A string, not a function: tsx would add helpers to a function's body that do not exist
 * in the page.
 */
export const markShown = (rows: number, labelKey: string) => `(() => {
  const shown = (window.__shown = {});
  let frameAt = 0;
  const tick = () => {
    frameAt = performance.now();
    if (!shown.allLabels) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const whenShown = (key, el) => {
    const ro = new ResizeObserver(() => {
      if (!el.checkVisibility()) return;
      shown[key] ??= frameAt;
      ro.disconnect();
    });
    ro.observe(el);
  };
  let firstSeen = false;
  const observer = new MutationObserver(() => {
    const list = document.querySelectorAll("[data-testid=session-row]");
    if (!firstSeen && list.length > 0) {
      firstSeen = true;
      whenShown("firstRow", list[0]);
    }
    if (list.length < ${rows}) return;
    for (const r of list) if (!r.querySelector("[aria-label^='Filter by ${labelKey}=']")) return;
    observer.disconnect();
    whenShown("allLabels", list[${rows} - 1]);
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/**
 * Loads `url` in a new page of `ctx` and returns, from navigation start, the frames that showed the
 * first row and the `rows`th with its `labelKey` label (markShown), and when the whole HTML (rows
 * included) was in: the rest is the browser's. The page is closed.
 */
export async function loadShown(ctx: BrowserContext, url: string, rows: number, labelKey: string) {
  const page = await ctx.newPage();
  await page.addInitScript(markShown(rows, labelKey));
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as Shown).__shown?.allLabels, undefined, { polling: 50, timeout: 60_000 });
  const at = await page.evaluate(() => ({
    ...(window as Shown).__shown!,
    responseEnd: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd,
  }));
  await page.close();
  return at;
}
