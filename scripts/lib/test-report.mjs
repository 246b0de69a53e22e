// Turns Vitest's and Playwright's JSON reports into the counts `npm test` prints, and the names of
// the tests that failed or were flaky (printed above the final line, so a CI log's tail says what
// broke). Kept apart from scripts/test.mjs so a unit test can feed it real reports.

/**
 * @typedef {{ passed: number, failed: number, flaky: number, skipped: number, note?: string }} Counts
 */

/** A Vitest test that passed on a retry: its report keeps the earlier attempts' errors. */
const vitestFlaky = (t) => t.status === "passed" && (t.failureMessages?.length ?? 0) > 0;

/** @returns {Counts} */
export function vitestCounts(report, exitCode) {
  if (!report) return { passed: 0, failed: 1, flaky: 0, skipped: 0, note: "no report (the run did not finish)" };
  const flaky = (report.testResults ?? []).flatMap((f) => f.assertionResults ?? []).filter(vitestFlaky).length;
  const c = {
    passed: (report.numPassedTests ?? 0) - flaky,
    failed: report.numFailedTests ?? 0,
    flaky,
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

/** The first line of a failure message, without colour codes. */
const firstLine = (message) =>
  String(message ?? "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim()
    .slice(0, 300) ?? "";

/**
 * @typedef {{ failed: string[], flaky: string[] }} Named
 * Each test that failed (on every attempt), and each that failed and then passed on a retry, as
 * `file › name: first line of its (first) error`.
 */

/** @returns {Named} */
export function vitestNamed(report, root = "") {
  const named = { failed: [], flaky: [] };
  for (const file of report?.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const t of tests) {
      const list = t.status === "failed" ? named.failed : vitestFlaky(t) ? named.flaky : null;
      list?.push(`${relative(file.name, root)} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
    // A file that failed with no failed test (it did not load, or a hook threw): the file's error.
    if (file.status === "failed" && !tests.some((t) => t.status === "failed"))
      named.failed.push(`${relative(file.name, root)}: ${firstLine(file.message)}`);
  }
  return named;
}

/** The same, as `[project] file:line › describe › title: …`. @returns {Named} */
export function playwrightNamed(report) {
  const named = { failed: [], flaky: [] };
  // The top suites are the files (their title is the path, said once by spec.file), then describes.
  const walk = (suite, titles, top) => {
    const here = top ? [] : [...titles, suite.title];
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        const list = t.status === "unexpected" ? named.failed : t.status === "flaky" ? named.flaky : null;
        const failedRun = t.results?.find((r) => r.status !== "passed" && r.status !== "skipped");
        const error = failedRun?.error?.message ?? failedRun?.errors?.[0]?.message;
        const name = [...here, spec.title].join(" › ");
        list?.push(`[${t.projectName}] ${spec.file}:${spec.line} › ${name}: ${firstLine(error)}`);
      }
    for (const child of suite.suites ?? []) walk(child, here, false);
  };
  for (const suite of report?.suites ?? []) walk(suite, [], true);
  return named;
}

const relative = (file, root) => (root && file.startsWith(root) ? file.slice(root.length).replace(/^\//, "") : file);
