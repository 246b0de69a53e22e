// The sessions pages at AGB's speed and semantics (project `strict`) and on the embedded runtime:
// rows first and labels filled in without moving them, cells AGB does not report marked as such,
// throttling shown as a notice and retried (never an error page or a lost edit), a link to page N
// that finds its way, and no polling from a hidden tab.
import type { Page } from "@playwright/test";
import { E2E, strictRuntimeUrl } from "../playwright.config";
import { SESSION_COOKIE } from "../lib/server/auth/session-token";
import { test, expect } from "./support/fixtures";
import { backend, isStrict, strictControl } from "./support/project";
import { createSessions, originHeaders, type Labels } from "./support/seed";

const rows = (page: Page) => page.getByTestId("session-row");
const NOTICE = /AGB is limiting requests, retrying in \d+ s/;

/** A session made the way an SDK user makes one: at the backend, not through this dashboard (so its cache does not know it). */
async function createElsewhere(labels: Labels): Promise<string> {
  const url = isStrict() ? strictRuntimeUrl : `http://127.0.0.1:${E2E.runtimePort}`;
  const r = await fetch(`${url}/mcp/createSession?imageId=agb-code-space-1`, {
    method: "POST",
    headers: { authorization: `Bearer ${backend().apiKey()}`, "content-type": "application/json" },
    body: JSON.stringify({ labels: JSON.stringify(labels), timeout: 600 }),
  });
  const body = (await r.json()) as { data?: { sessionId?: string } };
  expect(body.data?.sessionId, JSON.stringify(body)).toBeTruthy();
  return body.data!.sessionId!;
}

test.afterEach(async () => {
  if (isStrict()) await strictControl("POST", "reset");
});

test.describe("sessions at AGB's speed", () => {
  test("shows rows at once and fills labels in without moving them; says what the backend does not report", async ({
    page,
    tag,
  }) => {
    for (let i = 0; i < 3; i++) await createElsewhere({ e2e: tag, n: String(i) });
    // With AGB, hold the labels back (throttled) to see the rows before them.
    if (isStrict()) await strictControl("POST", "throttle", { count: 10_000, paths: ["/sdk/GetLabel"] });
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).first().getByText("RUNNING")).toBeVisible();
    // The rows' heights and where each column starts: filling the labels in moves neither.
    const layout = async () => ({
      heights: await Promise.all((await rows(page).all()).map(async (r) => (await r.boundingBox())!.height)),
      columns: await page
        .locator("thead th")
        .evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().x))),
    });
    let before: Awaited<ReturnType<typeof layout>> | null = null;
    if (isStrict()) {
      await expect(rows(page).first().getByTestId("row-labels")).toHaveAttribute("aria-busy", "true");
      await expect(page.getByTestId("throttle-notice")).toHaveText(NOTICE);
      await expect(page.getByText("Could not load sessions")).toHaveCount(0);
      before = await layout();
      await strictControl("POST", "reset");
    }
    for (let i = 0; i < 3; i++) await expect(page.getByRole("button", { name: `Filter by n=${i}` })).toBeVisible();
    if (isStrict()) {
      expect(await layout()).toEqual(before);
      await expect(page.getByTestId("throttle-notice")).toHaveCount(0);
      // AGB's list has no image, creation time or idle release: "—", and the tooltip says why.
      const unreported = rows(page).first().getByTestId("unreported");
      await expect(unreported.first()).toHaveAttribute("title", "AGB's list does not report this");
      expect(await unreported.count()).toBeGreaterThanOrEqual(2);
    } else {
      await expect(rows(page).getByTestId("unreported")).toHaveCount(0);
      await expect(rows(page).first().getByText("agb-code-space-1")).toBeVisible();
    }
  });

  test("the first page's rows come in the server's HTML from one AGB call, and only to a logged-in user", async ({
    page,
    newSession,
    origin,
    tag,
    playwright,
  }) => {
    const s = await newSession();
    const url = `/sessions?label=e2e:${tag}`;
    // On AGB, the calls the strict runtime received; elsewhere there is nothing to count.
    const listCalls = async () => {
      if (!isStrict()) return 0;
      const { calls } = (await strictControl("GET", "calls")) as { calls: Record<string, number> };
      return Object.entries(calls).reduce((n, [k, v]) => (k.endsWith("/sdk/ListSession") ? n + v : n), 0);
    };
    if (isStrict()) await strictControl("POST", "reset");
    // The server starts the call when the document request arrives and the page takes its answer.
    const html = await (await page.request.get(url, { headers: { accept: "text/html" } })).text();
    expect(html).toContain(s.sessionId);
    const calls = await listCalls();
    if (isStrict()) expect(calls).toBe(1);
    // Without a login, or with a cookie the dashboard did not sign: the login page, and no AGB call.
    for (const cookie of [undefined, `${SESSION_COOKIE}=forged.token`]) {
      const stranger = await playwright.request.newContext({
        baseURL: origin,
        storageState: { cookies: [], origins: [] },
      });
      const res = await stranger.get(url, {
        headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(307);
      expect(res.headers().location).toMatch(/\/login\?next=/);
      expect(await res.text()).not.toContain(s.sessionId);
      await stranger.dispose();
    }
    expect(await listCalls()).toBe(calls);
  });

  test("a label edit shows in the list's server-rendered rows at once", async ({
    page,
    newSession,
    request,
    origin,
    tag,
  }) => {
    const s = await newSession({ owner: "alice" });
    // The owner label chips in the list's HTML.
    const owners = async () => {
      const res = await page.request.get(`/sessions?label=e2e:${tag}`, { headers: { accept: "text/html" } });
      return [...(await res.text()).matchAll(/aria-label="Filter by owner=([^"]*)"/g)].map((m) => m[1]);
    };
    // Once the page's own render knows the labels (on AGB it fetches them after the first render).
    await expect.poll(owners).toEqual(["alice"]);
    const res = await request.put(`/api/sessions/${s.sessionId}/labels`, {
      data: { labels: { e2e: tag, owner: "bob" } },
      headers: originHeaders(origin),
    });
    expect(res.status()).toBe(200);
    // The edit went through an API route; the page renders from the same labels cache.
    expect(await owners()).toEqual(["bob"]);
  });

  test("a throttled list shows a notice and retries: no error page", async ({ page, newSession, tag }) => {
    test.skip(!isStrict(), "throttling on demand is a strict-runtime fault");
    await newSession();
    await strictControl("POST", "throttle", { count: 10_000, paths: ["/sdk/ListSession"] });
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(page.getByTestId("throttle-notice")).toHaveText(NOTICE);
    await expect(page.getByText("Could not load sessions")).toHaveCount(0);
    await strictControl("POST", "reset");
    await expect(rows(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId("throttle-notice")).toHaveCount(0);
  });

  test("a label edit AGB throttles is retried with the form kept, then saved", async ({ page, newSession }) => {
    test.skip(!isStrict(), "throttling on demand is a strict-runtime fault");
    const s = await newSession({ owner: "alice" });
    await page.goto(`/sessions/${s.sessionId}`);
    await expect(page.getByLabel("Label 2 value")).toHaveValue("alice");
    // More throttled answers than the server's own quick retries absorb: the browser must retry.
    await strictControl("POST", "throttle", { count: 4, paths: ["/sdk/SetLabel"] });
    await page.getByLabel("Label 2 value").fill("bob");
    await page.getByTestId("save-labels").click();
    await expect(page.getByTestId("throttle-notice")).toHaveText(NOTICE);
    await expect(page.getByTestId("save-labels")).toHaveText("Retrying…");
    await expect(page.getByLabel("Label 2 value")).toHaveValue("bob");
    await expect(page.getByText("Labels saved")).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByLabel("Label 2 value")).toHaveValue("bob");
  });

  test("a link to page N reads the pages before it, with a progress notice", async ({ page, request, origin, tag }) => {
    test.setTimeout(120_000);
    await createSessions(request, origin, 23, (i) => ({ e2e: tag, n: String(i) }));
    // Records whether the progress notice was ever on screen (it may be brief).
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=walk-notice]"))
          (window as unknown as { sawWalk: boolean }).sawWalk = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const reads: URLSearchParams[] = [];
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.pathname === "/api/sessions") reads.push(u.searchParams);
    });
    await page.goto(`/sessions?label=e2e:${tag}&size=10&page=3`);
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 3 of 3");
    await expect(rows(page)).toHaveCount(3);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 21–23 of 23 sessions/);
    expect(await page.evaluate(() => (window as unknown as { sawWalk?: boolean }).sawWalk)).toBe(true);
    // Pages 1 and 2 are read only for their cursors: the server fetches no labels for them.
    expect(reads.slice(0, 3).map((q) => [q.get("page"), q.get("walk")])).toEqual([
      ["1", "1"],
      ["2", "1"],
      ["3", null],
    ]);
    await expect(page.getByTestId("walk-notice")).toHaveCount(0);
    // The pages read on the way are kept: previous is there at once.
    await page.getByRole("link", { name: "Previous page" }).click();
    await expect(rows(page)).toHaveCount(10);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 11–20 of 23/);

    // A link past the end (further than any walk) lands on the last page, not on an error.
    await page.goto(`/sessions?label=e2e:${tag}&size=10&page=500`);
    await expect(page.getByTestId("page-indicator")).toHaveText("Page 3 of 3");
    await expect(rows(page)).toHaveCount(3);
    await expect(page).toHaveURL(/page=3/);

    if (!isStrict()) return; // throttling on demand is a strict-runtime fault
    // While the next view loads, the summary counts the rows on screen (this page's), not the next view's.
    await strictControl("POST", "throttle", { count: 4, paths: ["/sdk/ListSession"] });
    await page.getByTestId("page-size").selectOption("25");
    await expect(page.getByTestId("throttle-notice")).toHaveText(NOTICE);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 21–23 of 23/);
    await expect(page.getByTestId("list-summary")).toHaveText(/Showing 1–23 of 23/, { timeout: 30_000 });
  });

  test("live refresh stops while the tab is hidden and resumes when it shows", async ({ page, newSession, tag }) => {
    test.setTimeout(90_000);
    await newSession();
    let listCalls = 0;
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/sessions") listCalls++;
    });
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(rows(page)).toHaveCount(1);
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, "visibilityState", {
          configurable: true,
          get: () => (h ? "hidden" : "visible"),
        });
        Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
        document.dispatchEvent(new Event("visibilitychange"));
      }, hidden);
    // The first page came in the server's HTML; polling while visible asks again every 5 s.
    await expect.poll(() => listCalls, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await setHidden(true);
    await page.waitForTimeout(1_000);
    const atHide = listCalls;
    await page.waitForTimeout(12_000); // more than two poll intervals
    expect(listCalls).toBe(atHide);
    await setHidden(false);
    await expect.poll(() => listCalls, { timeout: 10_000 }).toBeGreaterThan(atHide);
  });
});
