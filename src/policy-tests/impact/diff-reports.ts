import type { PolicyTestReport } from '../run-policy-tests.js';

/** An expectation's answer on one side of a comparison. */
export interface Answer {
  readonly passed: boolean;
  readonly actual: unknown;
}

/** An expectation whose answer is not the same on both sides. */
export interface ChangedAnswer {
  readonly file: string;
  readonly line: number;
  readonly title: string;
  readonly before: Answer;
  readonly after: Answer;
  /** Whether it holds on one side and not the other (else only its answer changed). */
  readonly flips: boolean;
}

/** What a change of the code would do to the policy: read from two `policy:test --json` reports, before and after. */
export interface PolicyImpact {
  readonly permissions: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly roles: readonly { readonly role: string; readonly gains: readonly string[]; readonly loses: readonly string[] }[];
  readonly rolesAdded: readonly string[];
  readonly rolesRemoved: readonly string[];
  /** Coordinates whose guard changed; undefined where there is none (a guard added or removed). */
  readonly guards: readonly { readonly coordinate: string; readonly before?: string; readonly after?: string }[];
  readonly answers: readonly ChangedAnswer[];
  /** Files that ran on one side only (refused on the other), with the side's problems. */
  readonly refused: readonly { readonly file: string; readonly side: 'before' | 'after'; readonly problems: readonly string[] }[];
}

const minus = (a: readonly string[], b: readonly string[]) => a.filter((item) => !b.includes(item)).sort();

/** The difference between two reports of the same policy-test files. Pure. */
export function diffReports(before: PolicyTestReport, after: PolicyTestReport): PolicyImpact {
  const rolesBefore = Object.keys(before.policy.roles);
  const rolesAfter = Object.keys(after.policy.roles);
  const roles = rolesAfter
    .filter((role) => rolesBefore.includes(role))
    .map((role) => ({
      role,
      gains: minus(after.policy.roles[role] ?? [], before.policy.roles[role] ?? []),
      loses: minus(before.policy.roles[role] ?? [], after.policy.roles[role] ?? []),
    }))
    .filter(({ gains, loses }) => gains.length + loses.length > 0);
  const coordinates = [...new Set([...Object.keys(before.policy.guards), ...Object.keys(after.policy.guards)])].sort();
  const guards = coordinates.flatMap((coordinate) => {
    const [was, is] = [before.policy.guards[coordinate], after.policy.guards[coordinate]];
    return was === is ? [] : [{ coordinate, ...(was === undefined ? {} : { before: was }), ...(is === undefined ? {} : { after: is }) }];
  });
  const answers: ChangedAnswer[] = [];
  const refused: PolicyImpact['refused'][number][] = [];
  for (const file of after.files) {
    const earlier = before.files.find((candidate) => candidate.file === file.file);
    if (!earlier) continue;
    for (const [side, outcome] of [
      ['before', earlier],
      ['after', file],
    ] as const) {
      if (outcome.problems.length > 0 && (side === 'before' ? file : earlier).problems.length === 0)
        refused.push({
          file: file.file,
          side,
          problems: outcome.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`),
        });
    }
    for (const result of file.results) {
      const previous = earlier.results.find((candidate) => candidate.line === result.line);
      if (!previous || (previous.passed === result.passed && JSON.stringify(previous.actual) === JSON.stringify(result.actual))) continue;
      answers.push({
        file: result.file,
        line: result.line,
        title: result.title,
        before: { passed: previous.passed, actual: previous.actual },
        after: { passed: result.passed, actual: result.actual },
        flips: previous.passed !== result.passed,
      });
    }
  }
  return {
    permissions: {
      added: minus(after.policy.permissions, before.policy.permissions),
      removed: minus(before.policy.permissions, after.policy.permissions),
    },
    roles,
    rolesAdded: minus(rolesAfter, rolesBefore),
    rolesRemoved: minus(rolesBefore, rolesAfter),
    guards,
    answers,
    refused,
  };
}
