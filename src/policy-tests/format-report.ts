import type { ComparedRow, ExpectationResult } from './expectations/expectation-result.js';
import type { FileOutcome } from './run-policy-test-file.js';

/**
 * An expectation that does not hold, as `file:line` and what it checks, then expected and actual
 * side by side (one row per name, per path, or one row for a decision), indented under it.
 */
export function formatFailure(result: ExpectationResult): string {
  const labelled = result.rows.some((row) => row.label !== undefined);
  const header: ComparedRow = labelled
    ? { label: 'at', expected: 'expected', actual: 'actual' }
    : { expected: 'expected', actual: 'actual' };
  const rows = [header, ...result.rows];
  const labelWidth = labelled ? Math.max(...rows.map((row) => (row.label ?? '').length)) + 2 : 0;
  const expectedWidth = Math.max(...rows.map((row) => row.expected.length)) + 2;
  const table = rows.map((row) =>
    `      ${labelled ? (row.label ?? '').padEnd(labelWidth) : ''}${row.expected.padEnd(expectedWidth)}${row.actual}`.trimEnd(),
  );
  return [`✗ ${result.file}:${result.line}  ${result.title}`, ...(result.why ? [`    why: ${result.why}`] : []), ...table].join('\n');
}

/** The report of a run: each refused file's problems and each failure, then one line per file and a total. */
export function formatReport(outcomes: readonly FileOutcome[]): string {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    for (const problem of outcome.problems) lines.push(`✗ ${problem.file}:${problem.line}: ${problem.message}`);
    for (const result of outcome.results) if (!result.passed) lines.push(formatFailure(result), '');
  }
  for (const outcome of outcomes) {
    const failed = outcome.results.filter((result) => !result.passed).length;
    lines.push(
      outcome.problems.length > 0
        ? `${outcome.file}: refused (${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}): nothing was run`
        : `${outcome.file}: ${outcome.results.length - failed} of ${outcome.results.length} hold${failed > 0 ? `, ${failed} do not` : ''}`,
    );
  }
  const results = outcomes.flatMap((outcome) => outcome.results);
  const failed = results.filter((result) => !result.passed).length;
  const refused = outcomes.filter((outcome) => outcome.problems.length > 0).length;
  lines.push(
    `${results.length} expectations in ${outcomes.length} file${outcomes.length === 1 ? '' : 's'}: ${results.length - failed} hold, ${failed} do not` +
      (refused > 0 ? `; ${refused} file${refused === 1 ? '' : 's'} refused.` : '.'),
  );
  return lines.join('\n');
}

/** Whether a run passed: every file ran, and every expectation holds. */
export function runPassed(outcomes: readonly FileOutcome[]): boolean {
  return outcomes.every((outcome) => outcome.problems.length === 0 && outcome.results.every((result) => result.passed));
}
