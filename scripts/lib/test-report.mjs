// Turns Vitest's and Playwright's JSON reports into the counts `npm test` prints. Kept apart from
// scripts/test.mjs so a unit test can feed it real reports.

/**
 * @typedef {{ passed: number, failed: number, flaky: number, skipped: number, note?: string }} Counts
 */

/** @returns {Counts} */
export function vitestCounts(report, exitCode) {
  if (!report) return { passed: 0, failed: 1, flaky: 0, skipped: 0, note: "no report (the run did not finish)" };
  const c = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    flaky: 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  if ((report.numTotalTests ?? 0) === 0) return { ...c, failed: c.failed + 1, note: "no test was selected" };
  // e.g. a file that failed to load: no test failed, yet the run did
  if (exitCode !== 0 && c.failed === 0) return { ...c, failed: 1, note: `exit code ${exitCode} with no failed test` };
  return c;
}

/**
 * Playwright's `stats.expected` counts passes at the first attempt, `flaky` the tests that failed
 * and then passed on a retry, `unexpected` the failures, `skipped` the skipped ones.
 * @returns {Counts}
 */
export function playwrightCounts(report, exitCode) {
  const s = report?.stats;
  if (!s) return { passed: 0, failed: 1, flaky: 0, skipped: 0, note: "no report (the run did not finish)" };
  const c = { passed: s.expected ?? 0, failed: s.unexpected ?? 0, flaky: s.flaky ?? 0, skipped: s.skipped ?? 0 };
  if (c.passed + c.failed + c.flaky + c.skipped === 0) return { ...c, failed: 1, note: "no test was selected" };
  if (exitCode !== 0 && c.failed === 0) return { ...c, failed: 1, note: `exit code ${exitCode} with no failed test` };
  return c;
}
