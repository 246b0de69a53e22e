// Looks at the pages as a user would: `npx tsx e2e/support/screenshots.ts <baseURL> <password>`
// writes PNGs to screenshots/ (desktop + phone, light + dark, empty, long labels, 64 labels).
import { chromium, type BrowserContext } from "@playwright/test";
import fs from "node:fs";

const base = process.argv[2] ?? "http://127.0.0.1:3300";
const password = process.argv[3] ?? process.env.DASHBOARD_PASSWORD ?? "";
const out = "screenshots";
fs.mkdirSync(out, { recursive: true });

async function login(ctx: BrowserContext) {
  const r = await ctx.request.post(`${base}/api/auth/login`, { data: { password }, headers: { origin: base } });
  if (!r.ok()) throw new Error(`login failed: ${r.status()}`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const tag = `shot-${Date.now().toString(36)}`;
  const seedCtx = await browser.newContext();
  await login(seedCtx);
  const img = ((await (await seedCtx.request.get(`${base}/api/images`)).json()) as { images: { id: string }[] })
    .images[0].id;
  const make = async (labels: Record<string, string>) => {
    const r = await seedCtx.request.post(`${base}/api/sessions`, {
      data: { imageId: img, labels },
      headers: { origin: base },
    });
    if (r.status() !== 201) throw new Error(`create failed: ${await r.text()}`);
    return (await r.json()) as { sessionId: string };
  };
  const many: Record<string, string> = { shot: tag };
  for (let i = 1; i < 64; i++) many[`label-key-${i}`] = `value-${i}`;
  const big = await make(many);
  await make({
    shot: tag,
    env: "prod",
    [`very-long-label-key-${"k".repeat(80)}`]: `a-very-long-value-${"v".repeat(200)}`,
  });
  for (let i = 0; i < 6; i++)
    await make({ shot: tag, env: i % 2 ? "prod" : "dev", team: ["ml", "web", "infra"][i % 3] });

  const shots: { name: string; url: string; width: number; height: number; dark: boolean; action?: "create" }[] = [
    { name: "list-desktop-light", url: `/sessions?label=shot:${tag}`, width: 1280, height: 900, dark: false },
    { name: "list-desktop-dark", url: `/sessions?label=shot:${tag}`, width: 1280, height: 900, dark: true },
    { name: "list-phone-light", url: `/sessions?label=shot:${tag}`, width: 390, height: 844, dark: false },
    { name: "list-phone-dark", url: `/sessions?label=shot:${tag}`, width: 390, height: 844, dark: true },
    { name: "list-all-desktop", url: `/sessions?size=100`, width: 1280, height: 900, dark: false },
    { name: "empty-filter", url: `/sessions?label=nothing:here&page=x`, width: 1280, height: 700, dark: false },
    { name: "detail-64-labels-desktop", url: `/sessions/${big.sessionId}`, width: 1280, height: 1400, dark: false },
    { name: "detail-phone-dark", url: `/sessions/${big.sessionId}`, width: 390, height: 1400, dark: true },
    { name: "create-dialog-desktop", url: `/sessions`, width: 1280, height: 900, dark: false, action: "create" },
    { name: "create-dialog-phone-dark", url: `/sessions`, width: 390, height: 844, dark: true, action: "create" },
    { name: "not-found", url: `/sessions/s-does-not-exist`, width: 1280, height: 600, dark: false },
  ];
  for (const s of shots) {
    const ctx = await browser.newContext({
      viewport: { width: s.width, height: s.height },
      colorScheme: s.dark ? "dark" : "light",
    });
    await login(ctx);
    const page = await ctx.newPage();
    await page.goto(base + s.url);
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.waitForTimeout(600);
    if (s.action === "create") {
      await page.getByTestId("create-session").click();
      const dialog = page.getByRole("dialog", { name: "New session" });
      await dialog.getByRole("button", { name: "Add label", exact: true }).click();
      await dialog.getByLabel("Label 1 key").fill("env");
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: `${out}/${s.name}.png`, fullPage: !s.action });
    await ctx.close();
  }
  await browser.close();
  console.log(`wrote ${shots.length} screenshots to ${out}/`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
