import { test, expect } from "./support/fixtures";

/**
 * What each painted frame of the sessions page showed. A ResizeObserver's callbacks run in a frame
 * after its style and layout and before its paint, so what they see is what that frame painted;
 * the observed <main> changes size whenever its content appears or changes.
 */
type Frame = { frame: number; path: string; heading: string | null; rows: number; main: boolean };
type Frames = Window & { __frames?: Frame[] };

function recordFrames() {
  const w = window as Frames;
  w.__frames = [];
  // Animation frame callbacks run before the ResizeObserver's in each frame: this numbers the frames.
  let frame = 0;
  const tick = () => {
    frame++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const record = () =>
    w.__frames!.push({
      frame,
      path: location.pathname,
      heading: document.querySelector("main h1")?.textContent ?? null,
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
  test("a page load shows its rows with its first frame, and a client-side way back never without them", async ({
    page,
    newSession,
    tag,
  }) => {
    const s = await newSession();
    await page.addInitScript(recordFrames);

    // A document load streams the page: its rows must come with the app's frame, not frames (or
    // React's 300 ms reveal delay) after it. (A frame can slip in between the rows' end and React's
    // reveal script, which then shows them in the next frame: one frame later at most.)
    await page.goto(`/sessions?label=e2e:${tag}`);
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    const load = await painted(page);
    const withRows = load.find((f) => f.heading === "Sessions" && f.rows === 1);
    expect(withRows, `a frame with the rows, of ${JSON.stringify(load)}`).toBeDefined();
    expect(withRows!.frame - load[0].frame, `frames before the rows, of ${JSON.stringify(load)}`).toBeLessThanOrEqual(
      1,
    );

    // A client-side navigation back to the list keeps the session page up until the list is whole:
    // no frame shows an empty page or the list without its rows. (The address may change a frame
    // before the new page shows: frames of the old page under the new address are fine.)
    await page.getByRole("link", { name: s.sessionId, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${s.sessionId}$`));
    await expect(page.getByRole("heading", { name: s.sessionId })).toBeVisible();
    await page.evaluate(() => ((window as Frames).__frames = []));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await expect(page.getByTestId("session-row").first()).toBeVisible();
    const back = (await painted(page)).filter((f) => f.path === "/sessions" && f.heading !== s.sessionId);
    expect(back.length, "frames that showed the list").toBeGreaterThan(0);
    expect(
      back.filter((f) => f.heading !== "Sessions" || f.rows === 0),
      "frames of an empty page, or of the list without its rows",
    ).toEqual([]);
  });
});
