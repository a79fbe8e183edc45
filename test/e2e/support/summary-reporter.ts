import type { Reporter, TestCase } from '@playwright/test/reporter';

/** Ends the e2e run with one plain line CI can read: "e2e: N passed, N failed, N skipped". */
class SummaryReporter implements Reporter {
  private readonly tests = new Set<TestCase>();

  onTestEnd(test: TestCase): void {
    this.tests.add(test);
  }

  onEnd(): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const t of this.tests) {
      const outcome = t.outcome();
      if (outcome === 'skipped') skipped++;
      else if (outcome === 'unexpected') failed++;
      else passed++; // expected, or flaky (passed on retry)
    }
    console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}

export default SummaryReporter;
