// A web-test-runner reporter that counts tests and writes the totals for scripts/check.mjs.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) totals.skipped++;
    else if (t.passed) totals.passed++;
    else totals.failed++;
  }
  for (const s of suite?.suites ?? []) count(s, totals);
}

export function countingReporter({ file = '.test-results/wtr.json' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.errors += session.errors.length;
      }
      totals.failed += totals.errors;
      try {
        writeFileSync(file, JSON.stringify(totals));
      } catch {
        /* the check script creates the folder; a bare `wtr` run just skips the file */
      }
    },
  };
}
