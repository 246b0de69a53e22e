import { test, expect } from "./support/fixtures";
import { createSession } from "./support/seed";

/**
 * What each painted frame of the sessions page showed. A ResizeObserver's callbacks run in a frame
 * after its style and layout and before its paint, so what they see is what that frame painted;
 * the observed <main> changes size whenever its content appears or changes.
 */
type Frame = { path: string; rows: number; main: boolean };
type Frames = Window & { __frames?: Frame[] };

function recordFrames() {
  const w = window as Frames;
  w.__frames = [];
  const record = () =>
    w.__frames!.push({
      path: location.pathname,
      rows: [...document.querySelectorAll("[data-testid=session-row]")].filter((r) => r.checkVisibility()).length,
      main: !!document.getElementById("main")?.checkVisibility(),
    });
  const ro = new ResizeObserver(record);
  // Observed as soon as the parser makes it (this script runs before there is any element).
  const mo = new MutationObserver(() => {
    const main = document.getElementById("main");
    if (!main) return;
    ro.observe(main);
    mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true });
}

const painted = async (page: import("@playwright/test").Page) =>
  (await page.evaluate(() => (window as Frames).__frames ?? [])).filter((f) => f.main);

test.describe("sessions page paints its rows at once", () => {
  test("a page load's first painted frame has the rows, and so does a client-side way back", async ({
    page,
    request,
    origin,
    tag,
  }) => {
    const s = await createSession(request, origin, { e2e: tag });
    await page.addInitScript(recordFrames);

    // A document load streams the page; the rows must not come a frame (or React's 300 ms reveal
    // delay) after the app's frame.
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    const load = await painted(page);
    expect(load.length, "frames that showed the page").toBeGreaterThan(0);
    expect(load[0], "the first frame that showed the page").toMatchObject({ path: "/sessions", rows: 1 });

    // A client-side navigation back to the list keeps the session page up until the list is whole.
    await page.getByRole("link", { name: s.sessionId, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${s.sessionId}$`));
    await expect(page.getByRole("heading", { name: s.sessionId })).toBeVisible();
    await page.evaluate(() => ((window as Frames).__frames = []));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await expect(page.getByTestId("session-row").first()).toBeVisible();
    const back = (await painted(page)).filter((f) => f.path === "/sessions");
    expect(back.length, "frames that showed the list").toBeGreaterThan(0);
    expect(back.filter((f) => f.rows === 0), "frames of the list without its rows").toEqual([]);
  });
});
