import type { PolicyTestApi } from '../policy-test-api.js';
import type { WorldIds } from '../world/insert-world.js';

/** The kinds of expectation a file may hold. */
export type ExpectationKind = 'check' | 'who' | 'list' | 'query';

/** One line of a comparison: what was expected beside what happened, under a label when there are several. */
export interface ComparedRow {
  readonly label?: string;
  readonly expected: string;
  readonly actual: string;
}

/** What an expectation found: whether it holds, the answer as data, and the comparison to print. */
export interface ExpectationOutcome {
  readonly passed: boolean;
  /** The answer, as plain data by name (no ids): what `policy:impact` compares between two versions of the code. */
  readonly actual: unknown;
  /** Expected and actual side by side (printed when it does not hold). */
  readonly rows: readonly ComparedRow[];
}

/** One expectation of a file, run. */
export interface ExpectationResult extends ExpectationOutcome {
  readonly file: string;
  /** The line of the expectation in its file. */
  readonly line: number;
  readonly kind: ExpectationKind;
  /** What it checks, in a line: `check george read_code:repository beatles/infra`. */
  readonly title: string;
  readonly why?: string;
}

/** What evaluating an expectation reads: the API, and the world's ids. */
export interface ExpectationScope {
  readonly api: PolicyTestApi;
  readonly ids: WorldIds;
}

/** A value as a report shows it: strings bare, anything else as compact JSON, nothing as "(none)". */
export function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Two sets of names side by side, one per row, sorted; `-` where one side lacks a name. */
export function namesSideBySide(expected: readonly string[], actual: readonly string[]): ComparedRow[] {
  const expectedSet = new Set(expected);
  const actualSet = new Set(actual);
  return [...new Set([...expected, ...actual])]
    .sort()
    .map((name) => ({ expected: expectedSet.has(name) ? name : '-', actual: actualSet.has(name) ? name : '-' }));
}

/** Whether two lists hold the same names, in any order. */
export function sameNames(expected: readonly string[], actual: readonly string[]): boolean {
  const sortedExpected = [...new Set(expected)].sort();
  const sortedActual = [...new Set(actual)].sort();
  return sortedExpected.length === sortedActual.length && sortedExpected.every((name, index) => name === sortedActual[index]);
}
