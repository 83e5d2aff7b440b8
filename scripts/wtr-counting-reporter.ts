/** Writes the number of passed and failed browser tests where `npm test` can add them to its total. */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestSession } from '@web/test-runner';

type Suite = NonNullable<TestSession['testResults']>;

function count(suite: Suite, totals: { passed: number; failed: number; skipped: number }): void {
  for (const test of suite.tests) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites) count(child, totals);
}

export function countingReporter(): Reporter {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load or threw outside a test has no results to count: count it as a failure.
        if (!session.passed && (!session.testResults || session.errors.length > 0)) totals.failed += 1;
      }
      const target = process.env['WTR_COUNTS_FILE'];
      if (target) writeFileSync(target, JSON.stringify(totals));
    },
  };
}
