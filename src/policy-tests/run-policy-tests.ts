import { formatReport, runPassed } from './format-report.js';
import { policySnapshot, type PolicySnapshot } from './policy-snapshot.js';
import type { PolicyTestPath } from './policy-test-files.js';
import { runPolicyTestPath, type FileOutcome } from './run-policy-test-file.js';
import type { OpenWorldDatabase } from './world-databases.js';

/** What `policy:test --json` prints: the policy of the code that ran, and every file's outcome. */
export interface PolicyTestReport {
  readonly policy: PolicySnapshot;
  readonly files: readonly FileOutcome[];
}

/** A run of policy tests: what it prints, and whether it passed (the command exits 1 when not). */
export interface PolicyTestRun {
  readonly report: PolicyTestReport;
  readonly passed: boolean;
  readonly text: string;
}

/**
 * Runs policy-test files one after the other, each in a database of its own from `openDatabase`:
 * what `npm run policy:test` does, printed as the report (or as JSON).
 */
export async function runPolicyTests(
  paths: readonly PolicyTestPath[],
  options: { readonly openDatabase: OpenWorldDatabase; readonly json?: boolean },
): Promise<PolicyTestRun> {
  const files: FileOutcome[] = [];
  for (const { path, file } of paths) files.push(await runPolicyTestPath(path, file, options.openDatabase));
  const report = { policy: policySnapshot(), files };
  return { report, passed: runPassed(files), text: options.json ? JSON.stringify(report) : formatReport(files) };
}
