import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { playwrightCounts, playwrightNamed, vitestCounts, vitestNamed } from "../../scripts/lib/test-report.mjs";

const sh = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const fixtures = path.join(__dirname, "fixtures");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

/** Runs a command and returns its exit code and output, whatever the code. */
async function exec(cmd: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await sh(cmd, args, { cwd: root, env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** Runs the sample Vitest suite; `fail` adds its failing test. */
async function vitestSample(fail: boolean) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vitest-report-")), "r.json");
  const r = await exec(
    bin("vitest"),
    ["run", "--config", path.join(fixtures, "vitest-sample.config.mts"), "--reporter=json", `--outputFile=${out}`],
    fail ? { SAMPLE_FAIL: "1" } : {},
  );
  return { code: r.code, report: JSON.parse(fs.readFileSync(out, "utf8")) };
}

/** Runs the sample Playwright suite; `fail` adds its failing test. */
async function playwrightSample(fail: boolean) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-report-")), "r.json");
  const r = await exec(bin("playwright"), ["test", "--config", path.join(fixtures, "playwright-sample.config.ts")], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    ...(fail ? { SAMPLE_FAIL: "1" } : {}),
  });
  return { code: r.code, report: JSON.parse(fs.readFileSync(out, "utf8")) };
}

describe("npm test's counts", () => {
  it("reports a Vitest test that passed only on its retry as flaky, and skipped and todo ones", async () => {
    const { code, report } = await vitestSample(false);
    expect(code).toBe(0);
    expect(vitestCounts(report, code)).toEqual({ passed: 1, failed: 0, flaky: 1, skipped: 2 });
    expect(vitestNamed(report, fixtures)).toEqual({
      failed: [],
      flaky: [
        expect.stringMatching(
          /^vitest-sample\.ts › fails on the first attempt only: AssertionError: expected 1 to be 2/,
        ),
      ],
    });
  });

  it("reports a Playwright test that passed only on its retry as flaky, and skipped ones", async () => {
    const { code, report } = await playwrightSample(false);
    expect(code).toBe(0);
    expect(playwrightCounts(report, code)).toEqual({ passed: 1, failed: 0, flaky: 1, skipped: 1 });
    expect(playwrightNamed(report)).toEqual({
      failed: [],
      flaky: [
        expect.stringMatching(
          /^\[\] playwright-sample\.ts:\d+ › fails on the first attempt only: Error: expect\(received\)/,
        ),
      ],
    });
  });

  it("names each failed test with its file, groups and the first line of its error, and a file that did not load", async () => {
    const v = await vitestSample(true);
    expect(v.code).toBe(1);
    expect(vitestCounts(v.report, v.code)).toMatchObject({ passed: 1, failed: 1, flaky: 1 });
    // Files run in no set order.
    expect(vitestNamed(v.report, fixtures).failed.sort()).toEqual([
      "vitest-sample-broken.ts: cannot load, on purpose",
      expect.stringMatching(
        /^vitest-sample\.ts › a group fails on purpose: AssertionError: expected 'red\\nsecond line'/,
      ),
    ]);
    const p = await playwrightSample(true);
    expect(p.code).toBe(1);
    expect(playwrightCounts(p.report, p.code)).toMatchObject({ failed: 1, flaky: 1 });
    expect(playwrightNamed(p.report).failed).toEqual([
      expect.stringMatching(
        /^\[\] playwright-sample\.ts:\d+ › a group › fails on purpose: Error: expect\(received\)\.toBe\(expected\)/,
      ),
    ]);
  });

  it("fails a stage that selected nothing, or that exited non-zero with no failed test", () => {
    expect(vitestCounts({ numTotalTests: 0, numPassedTests: 0, numFailedTests: 0 }, 1)).toMatchObject({
      failed: 1,
      note: "no test was selected",
    });
    expect(vitestCounts({ numTotalTests: 3, numPassedTests: 3, numFailedTests: 0 }, 1)).toMatchObject({
      passed: 3,
      failed: 1,
    });
    expect(vitestCounts(null, 1)).toMatchObject({ failed: 1 });
    expect(playwrightCounts({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } }, 1)).toMatchObject({
      failed: 1,
      note: "no test was selected",
    });
    expect(playwrightCounts(null, 1)).toMatchObject({ failed: 1 });
  });

  it("refuses an unknown stage name instead of running nothing", async () => {
    const r = await exec("node", ["scripts/test.mjs", "e2e2"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/unknown test stage "e2e2"; the stages are typecheck, lint, unit, e2e/);
    expect(r.out).toMatch(/^0 passed, 1 failed$/m);
  });
});
