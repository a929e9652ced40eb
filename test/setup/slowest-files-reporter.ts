import type { Reporter, TestModule } from 'vitest/node';

/** How many of the slowest files the summary lists. */
const shown = 10;

/**
 * Prints, after every run, the test files that took longest (import and tests together) and
 * what share of the summed file time they are: growth in the suite's time is seen the day it
 * happens, in `npm test` and in each stage of CI.
 */
export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules.map((module) => {
      const diagnostic = module.diagnostic();
      const seconds = (diagnostic.collectDuration + diagnostic.setupDuration + diagnostic.duration) / 1000;
      return { file: module.relativeModuleId, seconds, tests: [...module.children.allTests()].length };
    });
    if (rows.length < 2) return;
    const total = rows.reduce((sum, row) => sum + row.seconds, 0);
    rows.sort((a, b) => b.seconds - a.seconds);
    const lines = rows
      .slice(0, shown)
      .map((row) => `  ${row.seconds.toFixed(1).padStart(7)} s  ${String(row.tests).padStart(4)} tests  ${row.file}`);
    process.stdout.write(`\nSlowest test files (of ${rows.length}, ${total.toFixed(0)} s summed over the workers):\n${lines.join('\n')}\n`);
  }
}
