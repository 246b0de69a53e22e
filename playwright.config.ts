import { defineConfig } from "@playwright/test";

// The e2e suite drives the production build in Debian's Chromium (Playwright's own browser
// download is unavailable here), twice: project `embedded` against the app with its embedded
// runtime, project `strict` against a second dashboard in cloud mode (AGB_ENDPOINT + AGB_API_KEY)
// whose backend is the runtime in strict mode with 50 ms latency, i.e. AGB as documented. Each
// has a throwaway data dir. Specs read `test.info().project.name` where the two differ.
export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  runtimePort: Number(process.env.E2E_RUNTIME_PORT ?? 8887),
  strictPort: Number(process.env.E2E_STRICT_PORT ?? 3101),
  strictRuntimePort: Number(process.env.E2E_STRICT_RUNTIME_PORT ?? 8888),
  password: "e2e-password-not-secret",
  dataDir: process.env.E2E_DATA_DIR ?? ".data/e2e",
  authFile: process.env.E2E_AUTH_FILE ?? ".data/e2e-auth.json",
  strictDataDir: (process.env.E2E_DATA_DIR ?? ".data/e2e") + "-strict",
  strictAuthFile: (process.env.E2E_AUTH_FILE ?? ".data/e2e-auth.json").replace(/(\.json)?$/, "-strict.json"),
  /** key of the strict runtime's /_control endpoints (throttling on demand, call counts) */
  controlKey: "e2e-control-key-not-secret",
  strictApiKey: "e2e-strict-api-key-not-secret",
};

export const strictRuntimeUrl = `http://127.0.0.1:${E2E.strictRuntimePort}`;

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

const dashboardEnv = { DASHBOARD_PASSWORD: E2E.password };
// Playwright kills its web servers with SIGKILL unless told otherwise; SIGTERM lets each stack
// release its sessions and unmount their disks instead of leaving them for the next run.
const gracefulShutdown = { signal: "SIGTERM" as const, timeout: 15_000 };

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    {
      name: "embedded",
      dependencies: ["setup"],
      use: { browserName: "chromium", baseURL: `http://127.0.0.1:${E2E.port}`, storageState: E2E.authFile },
    },
    {
      name: "strict",
      dependencies: ["setup"],
      use: { browserName: "chromium", baseURL: `http://127.0.0.1:${E2E.strictPort}`, storageState: E2E.strictAuthFile },
    },
  ],
  webServer: [
    {
      command: `node scripts/clean-data-dir.mjs ${E2E.dataDir} && node scripts/start.mjs --no-build`,
      url: `http://127.0.0.1:${E2E.port}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      gracefulShutdown,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        ...dashboardEnv,
        PORT: String(E2E.port),
        AGB_RUNTIME_PORT: String(E2E.runtimePort),
        AGB_DATA_DIR: E2E.dataDir,
        AGB_RUNTIME_POOL_SIZE: "2",
        // Two runtimes share the box with Chromium and the dashboards: the pool stays small (a
        // fleet-sized pool is bench:runtime's business).
        AGB_RUNTIME_POOL_MAX: "8",
      },
    },
    {
      command: `node scripts/clean-data-dir.mjs ${E2E.strictDataDir} && node scripts/cloud-stack.mjs --no-build`,
      url: `http://127.0.0.1:${E2E.strictPort}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      gracefulShutdown,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        ...dashboardEnv,
        PORT: String(E2E.strictPort),
        AGB_RUNTIME_PORT: String(E2E.strictRuntimePort),
        AGB_DATA_DIR: E2E.strictDataDir,
        // Its own session uids: both runtimes run at once, and process limits count per uid.
        AGB_RUNTIME_UID_BASE: "110000",
        AGB_RUNTIME_POOL_SIZE: "2",
        AGB_RUNTIME_POOL_MAX: "8",
        AGB_RUNTIME_LATENCY_MS: "50",
        AGB_RUNTIME_API_KEYS: E2E.strictApiKey,
        AGB_RUNTIME_FAULTS: "1",
        AGB_RUNTIME_FAULTS_KEY: E2E.controlKey,
      },
    },
  ],
});
