// Browser-side modules whose behaviour depends on the browser: the console's run history when
// Chromium's localStorage is full, and the sanitising path of kernel HTML and Markdown output.
import { expect, test } from "@playwright/test";
import { isStrict } from "./support/project";
import { loadModule } from "./support/browser-module";

test.use({ storageState: { cookies: [], origins: [] } });
test.skip(() => isStrict(), "browser modules do not depend on the backend: they run in the embedded project only");

test("run history keeps the newest runs when Chromium's localStorage is full", async ({ page }) => {
  await loadModule(
    page,
    `export { saveHistory, loadHistory, historyKey } from "../components/console/history-store";
     export { newRun, applyEvent } from "../components/console/run-record";`,
  );
  const r = await page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bundle's exports
    const m = (window as any).mod;
    // Fill the origin's quota, leaving less room than the history needs.
    const fillers: { key: string; size: number }[] = [];
    for (let size = 1 << 20; size >= 1 << 12; size >>= 1) {
      for (;;) {
        const key = `filler-${fillers.length}`;
        try {
          localStorage.setItem(key, "f".repeat(size));
          fillers.push({ key, size });
        } catch (e) {
          if ((e as DOMException).name !== "QuotaExceededError") throw e;
          break;
        }
      }
    }
    const run = (i: number) =>
      m.applyEvent(m.applyEvent(m.newRun("python", `print(${i})`), { type: "stdout", chunk: "y".repeat(4_000) }), {
        type: "end",
        ok: true,
        executionCount: i,
        executionTimeS: 0.01,
        requestId: `r${i}`,
      });
    const runs = Array.from({ length: 20 }, (_, i) => run(i));
    let fullBefore = false;
    try {
      localStorage.setItem("probe", JSON.stringify(runs));
    } catch (e) {
      fullBefore = (e as DOMException).name === "QuotaExceededError";
    }
    // Make room for a few runs only (about 30,000 characters; the 20 runs need over 80,000).
    for (const f of fillers) if (f.size <= 1 << 14) localStorage.removeItem(f.key);
    const kept = m.saveHistory(localStorage, "s1", "python", runs);
    const loaded = m.loadHistory(localStorage, "s1", "python");
    return {
      fullBefore,
      kept: kept.map((x: { code: string }) => x.code),
      loaded: loaded.map((x: { code: string }) => x.code),
    };
  });
  expect(r.fullBefore).toBe(true);
  expect(r.kept.length).toBeGreaterThan(0);
  expect(r.kept.length).toBeLessThan(20);
  expect(r.kept.at(-1)).toBe("print(19)");
  expect(r.loaded).toEqual(r.kept);
});

test("Markdown and HTML output lose scripts, javascript: links, styles, iframes and forms", async ({ page }) => {
  await loadModule(page, `export { sanitizeHtml, markdownToSafeHtml } from "../components/console/sanitize";`);
  const out = await page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bundle's exports
    const m = (window as any).mod;
    const md = [
      "# Title",
      "[bad](javascript:alert(1)) and [good](https://example.com/x)",
      "<script>window.pwned = 1</script>",
      "<style>body { display: none }</style>",
      "<iframe src='https://example.com'></iframe>",
      "<form action='https://evil.example'><input name='p'><button>go</button></form>",
      "<p style='position:fixed' onclick='window.pwned = 2'>styled</p>",
      "<img src=x onerror='window.pwned = 3'>",
    ].join("\n\n");
    const html = m.markdownToSafeHtml(md);
    const host = document.createElement("div");
    host.innerHTML = html;
    document.body.append(host);
    const links = [...host.querySelectorAll("a")].map((a) => ({
      href: a.getAttribute("href"),
      target: a.target,
      rel: a.rel,
    }));
    return {
      html,
      links,
      tags: [...host.querySelectorAll("*")].map((e) => e.tagName.toLowerCase()),
      attrs: [...host.querySelectorAll("*")].flatMap((e) => e.getAttributeNames()),
      pwned: (window as unknown as { pwned?: number }).pwned ?? 0,
      direct: m.sanitizeHtml(
        "<div><script>1</script><a href='JaVaScRiPt:alert(1)'>x</a><svg><style>*{}</style></svg></div>",
      ),
    };
  });
  expect(out.tags).toContain("h1");
  for (const tag of ["script", "style", "iframe", "form", "input", "button"]) expect(out.tags).not.toContain(tag);
  for (const attr of ["style", "onclick", "onerror", "action"]) expect(out.attrs).not.toContain(attr);
  expect(out.links.find((l) => l.href === "https://example.com/x")).toEqual({
    href: "https://example.com/x",
    target: "_blank",
    rel: "noopener noreferrer nofollow",
  });
  expect(out.links.every((l) => !/^javascript:/i.test(l.href ?? ""))).toBe(true);
  expect(out.html).not.toMatch(/javascript:/i);
  expect(out.direct).not.toMatch(/script|javascript:|<style/i);
  // give any handler that survived a chance to run
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? 0)).toBe(0);
  expect(out.pwned).toBe(0);
});
