import type { Answer, PolicyImpact } from './diff-reports.js';

/** An answer in a line: whether it held, and what it was. */
function answer({ passed, actual }: Answer): string {
  return `${passed ? 'holds' : 'fails'}: ${typeof actual === 'string' ? actual : JSON.stringify(actual)}`;
}

/**
 * The impact as people read it: what each built-in role gains or loses, permissions added or
 * removed, guards that change (coordinate: before -> after), then each expectation whose answer
 * changes, before and after side by side, those that flip first. Sections with nothing to say are
 * one line.
 */
export function formatImpact(impact: PolicyImpact, base: string): string {
  const lines = [`What the working tree changes, against ${base}:`, ''];
  const section = (title: string, rows: readonly string[]) => {
    lines.push(rows.length === 0 ? `${title}: no change.` : `${title}:`, ...rows.map((row) => `  ${row}`));
  };
  section('Built-in roles', [
    ...impact.roles.flatMap(({ role, gains, loses }) => [
      ...(gains.length > 0 ? [`${role} gains ${gains.join(', ')}`] : []),
      ...(loses.length > 0 ? [`${role} loses ${loses.join(', ')}`] : []),
    ]),
    ...impact.rolesAdded.map((role) => `${role} is new`),
    ...impact.rolesRemoved.map((role) => `${role} is removed`),
  ]);
  section('Permissions', [
    ...impact.permissions.added.map((name) => `+ ${name}`),
    ...impact.permissions.removed.map((name) => `- ${name}`),
  ]);
  section(
    'Guards (schema coordinates)',
    impact.guards.map(({ coordinate, before, after }) => `${coordinate}: ${before ?? '(no directive)'} -> ${after ?? '(no directive)'}`),
  );
  const flips = impact.answers.filter((change) => change.flips);
  const others = impact.answers.filter((change) => !change.flips);
  const changes = (title: string, list: typeof impact.answers) =>
    section(
      `${title} (${list.length})`,
      list.flatMap((change) => [
        `${change.file}:${change.line}  ${change.title}`,
        `  before  ${answer(change.before)}`,
        `  after   ${answer(change.after)}`,
      ]),
    );
  changes('Expectations that flip', flips);
  changes('Answers that change, holding or failing as before', others);
  for (const { file, side, problems } of impact.refused)
    lines.push(
      `${file} is refused ${side === 'before' ? 'at the base' : 'in the working tree'}:`,
      ...problems.map((problem) => `  ${problem}`),
    );
  lines.push(
    '',
    `${flips.length} expectation${flips.length === 1 ? ' flips' : 's flip'}; ${others.length} more ${others.length === 1 ? 'changes its answer' : 'change their answers'}.`,
  );
  return lines.join('\n');
}
