import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: { "@": import.meta.dirname, "server-only": path.join(import.meta.dirname, "tests/support/server-only.ts") },
  },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts", "components/**/*.test.ts"],
    // Integration tests start real runtimes with real sandboxes: keep files serial-ish on 2 cores.
    fileParallelism: false,
    setupFiles: ["tests/support/uid-range.ts"],
    testTimeout: 60_000,
    // As Playwright's: on CI a test that fails is run once more, and one that then passes is
    // counted and named as flaky by `npm test`, never as a plain pass.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
