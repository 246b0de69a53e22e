import { defineConfig } from "@playwright/test";

// The e2e suite drives the production build in Debian's Chromium (Playwright's own browser
// download is unavailable here) against a real embedded runtime with a throwaway data dir.
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  runtimePort: Number(process.env.E2E_RUNTIME_PORT ?? 8887),
  password: "e2e-password-not-secret",
  dataDir: process.env.E2E_DATA_DIR ?? ".data/e2e",
  authFile: process.env.E2E_AUTH_FILE ?? ".data/e2e-auth.json",
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E.port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], use: { browserName: "chromium", storageState: E2E.authFile } },
  ],
  webServer: {
    command: `rm -rf ${E2E.dataDir} && node scripts/start.mjs --no-build`,
    url: `http://127.0.0.1:${E2E.port}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      AGB_RUNTIME_PORT: String(E2E.runtimePort),
      AGB_DATA_DIR: E2E.dataDir,
      DASHBOARD_PASSWORD: E2E.password,
      AGB_RUNTIME_POOL_SIZE: "2",
    },
  },
});
