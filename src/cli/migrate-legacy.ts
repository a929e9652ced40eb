import type { EntityManager } from '../db/database.js';
import type { LegacyMapping } from '../gitclub/legacy/legacy-mapping.js';
import type { DesiredAssignment, MigrationMapping, MigrationOutcome } from '../gitclub/legacy/migration-plan.js';
import { cliArguments, refuseArguments, wholeNumberFlag, type CommandUsage } from './cli-arguments.js';
import { describeJson, parseJsonFile, readInputFile } from './input-file.js';
import { openCliDatabase, progressLine, runCli } from './open-cli-database.js';

/** Where `analyze` writes its draft unless told otherwise (git-ignored). */
const defaultDraft = 'legacy/migration-mapping.draft.json';

const command: CommandUsage = {
  usage: `Usage:
  npm run migrate:legacy -- analyze [--out ${defaultDraft}]
  npm run migrate:legacy -- plan --mapping FILE      (a dry run: what would change)
  npm run migrate:legacy -- apply --mapping FILE     (idempotent, resumable)

Turns legacy flags into role assignments. analyze groups users by identical flag sets per scope and
writes a draft mapping proposing a role for each; edit it, then plan shows what it would change and
apply performs it in batches, every assignment audited. The legacy decision comes from
LEGACY_MAPPING_FILE (default legacy/mapping.example.json).`,
  flags: [
    `--out FILE          analyze: where to write the draft (default ${defaultDraft})`,
    '--mapping FILE      plan, apply: the mapping to use (a draft written by analyze, edited)',
    '--batch-size N      apply: users per transaction (default 500, at most 100000)',
    '--progress          apply: show progress on stderr even when it is not a terminal',
  ],
  positionals: { names: ['STEP (analyze, plan or apply)'], min: 1, max: 1 },
};

/**
 * Turns legacy flags into role assignments. `analyze` groups users by identical flag sets and
 * proposes roles; `plan` shows what a mapping would change; `apply` performs it in batches (each
 * batch one transaction, every assignment audited with the migration as actor). Running `apply`
 * again changes nothing; killed midway, it resumes where it stopped. Existing different roles are
 * never overwritten: they are reported as conflicts.
 */
const { values, positionals } = cliArguments(command, {
  mapping: { type: 'string' },
  out: { type: 'string' },
  'batch-size': { type: 'string' },
  progress: { type: 'boolean', default: false },
});
const step = positionals[0];
if (step !== 'analyze' && step !== 'plan' && step !== 'apply')
  refuseArguments(command, `Unknown step "${step}": expected analyze, plan or apply.`);
const flagSteps: Record<'out' | 'mapping' | 'batch-size' | 'progress', readonly string[]> = {
  out: ['analyze'],
  mapping: ['plan', 'apply'],
  'batch-size': ['apply'],
  progress: ['apply'],
};
for (const [flag, steps] of Object.entries(flagSteps)) {
  if (values[flag as keyof typeof flagSteps] && !steps.includes(step))
    refuseArguments(command, `--${flag} applies to ${steps.join(' and ')}, not to ${step}.`);
}
if (step !== 'analyze' && !values.mapping)
  refuseArguments(command, `${step} needs --mapping FILE: the mapping to ${step} (\`analyze\` writes a draft to edit).`);
const batchSize = wholeNumberFlag(command, 'batch-size', values['batch-size'], 500, 1, 100_000);
const out = values.out ?? defaultDraft;

const [
  { existsSync, writeFileSync },
  { dirname },
  { sqlArray },
  { changeRolesAsCommand },
  { commandVersionPublisher },
  { loadConfig },
  { loadLegacyMapping },
  migrationPlan,
] = await Promise.all([
  import('node:fs'),
  import('node:path'),
  import('../db/sql-array.js'),
  import('../gitclub/access-write/command-changes.js'),
  import('../auth/command-version-publisher.js'),
  import('../config.js'),
  import('../gitclub/legacy/legacy-mapping.js'),
  import('../gitclub/legacy/migration-plan.js'),
]);
const { loadFlagSets, planAssignments, proposeMapping } = migrationPlan;

runCli(async () => {
  // Every file is read and checked before the database is opened.
  const legacy = loadLegacyMapping(process.env.LEGACY_MAPPING_FILE || 'legacy/mapping.example.json');
  const mapping = values.mapping ? readMigrationMapping(values.mapping) : undefined;
  if (step === 'analyze' && !existsSync(dirname(out) || '.'))
    throw new Error(`Cannot write the draft to ${out}: the folder ${dirname(out)} does not exist.`);
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    if (step === 'analyze') {
      const draft = proposeMapping(await loadFlagSets(em), legacy);
      writeFileSync(out, `${JSON.stringify(draft, null, 2)}\n`);
      if (draft.rules.length === 0) console.log('No scoped legacy flags that map to a permission: the draft has no rules.');
      else
        console.table(
          draft.rules.map((rule) => ({ scope: rule.scope, flags: rule.flags.join(' + '), users: rule.users, proposedRole: rule.role })),
        );
      console.log(`Flags that map to no permission: ${draft.ignoredFlags.join(', ') || 'none'}.`);
      console.log(`Draft written to ${out}: edit the roles, then run plan and apply with --mapping.`);
      return;
    }
    if (!mapping) return;
    if (step === 'plan') await plan(em, mapping, legacy);
    else await apply(em, mapping, legacy, batchSize);
  } finally {
    await db.close();
  }
});

/**
 * Reads a migration mapping (`--mapping FILE`) and checks its shape, failing with one line that
 * names the file and what is wrong, rather than a TypeError halfway through a plan.
 */
function readMigrationMapping(file: string): MigrationMapping {
  const parsed = parseJsonFile(readInputFile(file, '--mapping'), file);
  const shape = 'an object with "rules": [{ "scope", "flags", "role" }, ...] and "ignoredFlags": [flag, ...], as analyze writes';
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file} is not a migration mapping: it holds ${describeJson(parsed)}, not ${shape}.`);
  const { rules, ignoredFlags = [] } = parsed as { rules?: unknown; ignoredFlags?: unknown };
  if (!Array.isArray(rules))
    throw new Error(
      `${file} is not a migration mapping: "rules" is ${rules === undefined ? 'missing' : describeJson(rules)}; expected ${shape}.`,
    );
  const isName = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  const problems = rules.flatMap((rule: unknown, index) => {
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule))
      return [`rules[${index}] must be an object, not ${describeJson(rule)}`];
    const { scope, flags, role } = rule as { scope?: unknown; flags?: unknown; role?: unknown };
    return [
      ...(scope === 'organization' || scope === 'repository' ? [] : [`rules[${index}].scope must be "organization" or "repository"`]),
      ...(Array.isArray(flags) && flags.length > 0 && flags.every(isName)
        ? []
        : [`rules[${index}].flags must be a non-empty list of flag names`]),
      ...(isName(role) ? [] : [`rules[${index}].role must be a role name`]),
    ];
  });
  if (!Array.isArray(ignoredFlags) || !ignoredFlags.every(isName)) problems.push('"ignoredFlags" must be a list of flag names');
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    throw new Error(`${file} is not a migration mapping: ${shown}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}.`);
  }
  return { rules, ignoredFlags } as MigrationMapping;
}

async function plan(em: EntityManager, mapping: MigrationMapping, legacy: LegacyMapping): Promise<void> {
  const outcome = planAssignments(await loadFlagSets(em), mapping, legacy);
  const changes = await diff(em, outcome.desired);
  for (const change of changes.add.slice(0, 20))
    console.log(`+ ${change.login}: ${change.role} on ${change.resourceType} ${change.resourceId}`);
  if (changes.add.length > 20) console.log(`  ... and ${changes.add.length - 20} more`);
  report(outcome, changes);
  if (changes.add.length === 0 && changes.conflicts.length === 0)
    console.log(`Nothing to change: ${changes.unchanged > 0 ? 'every assignment is already in place' : 'no flag set matches a rule'}.`);
  console.log('Dry run: nothing was written.');
}

async function apply(em: EntityManager, mapping: MigrationMapping, legacy: LegacyMapping, batchSize: number): Promise<void> {
  const users = (await em.execute<{ user_id: string }[]>('select distinct user_id from legacy_permission_flags order by user_id')).map(
    (row) => row.user_id,
  );
  const totals = { added: 0, unchanged: 0, conflicts: 0 };
  const merged: MigrationOutcome = { desired: [], unmatched: new Map(), unmapped: new Map(), unscoped: new Map() };
  const progress = progressLine(values.progress);
  const publish = commandVersionPublisher(loadConfig());
  for (let start = 0; start < users.length; start += batchSize) {
    const batch = users.slice(start, start + batchSize);
    // A fresh entity manager per batch: the audit entries a batch created are not carried (and checked at each flush) by every later one.
    const command = { em: em.fork(), name: 'legacy-migration', requestId: 'migration:legacy', publish };
    await changeRolesAsCommand(command, async (change, { tx }) => {
      const outcome = planAssignments(await loadFlagSets(tx, batch), mapping, legacy);
      mergeCounts(merged, outcome);
      const changes = await diff(tx, outcome.desired);
      totals.unchanged += changes.unchanged;
      totals.conflicts += changes.conflicts.length;
      const roles = new Set(
        (
          await tx.execute<{ key: string }[]>(
            `select coalesce(organization_id::text, '') || '|' || resource_type || '|' || name as key from roles`,
          )
        ).map((row) => row.key),
      );
      for (const added of changes.add) {
        if (!roles.has(`${added.organizationId}|${added.resourceType}|${added.role}`) && !roles.has(`|${added.resourceType}|${added.role}`))
          throw new Error(
            `The mapping names role "${added.role}", which is not a ${added.resourceType} role of organization ${added.organizationId}.`,
          );
        // Through the write path, as the migration: audited, versions raised and published.
        await change({
          kind: 'assign',
          userId: added.userId,
          place: { resourceType: added.resourceType, resourceId: added.resourceId },
          roleName: added.role,
        });
      }
      totals.added += changes.add.length;
    });
    progress.update(bar(Math.min(start + batchSize, users.length), users.length));
  }
  progress.done();
  report(merged, { add: [], unchanged: totals.unchanged, conflicts: [] });
  console.log(
    totals.added === 0
      ? 'Nothing to change: every assignment is already in place.'
      : `Applied: ${totals.added} assignments added, ${totals.unchanged} already in place, ${totals.conflicts} conflicts left alone.`,
  );
}

/** Splits desired assignments into those to add, those already in place, and conflicts (a different role is held there). */
async function diff(em: EntityManager, desired: readonly DesiredAssignment[]) {
  const current = await em.execute<{ user_id: string; resource_id: string; name: string }[]>(
    `select ra.user_id, ra.resource_id, r.name from role_assignments ra join roles r on r.id = ra.role_id where ra.user_id = any(?::uuid[])`,
    [sqlArray([...new Set(desired.map((assignment) => assignment.userId))])],
  );
  const held = new Map(current.map((row) => [`${row.user_id}|${row.resource_id}`, row.name]));
  const add: DesiredAssignment[] = [];
  const conflicts: DesiredAssignment[] = [];
  let unchanged = 0;
  for (const assignment of desired) {
    const existing = held.get(`${assignment.userId}|${assignment.resourceId}`);
    if (existing === undefined) add.push(assignment);
    else if (existing === assignment.role) unchanged++;
    else conflicts.push(assignment);
  }
  return { add, unchanged, conflicts };
}

function mergeCounts(into: MigrationOutcome, from: MigrationOutcome): void {
  for (const key of ['unmatched', 'unmapped', 'unscoped'] as const) {
    for (const [name, count] of from[key]) into[key].set(name, (into[key].get(name) ?? 0) + count);
  }
}

function report(outcome: MigrationOutcome, changes: { add: readonly unknown[]; unchanged: number; conflicts: readonly unknown[] }): void {
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => `${name} (${count})`)
      .join(', ') || 'none';
  if (changes.add.length > 0 || changes.conflicts.length > 0) {
    console.log(
      `Totals: ${changes.add.length} assignments to add, ${changes.unchanged} already in place, ${changes.conflicts.length} conflicts (a different role is held; left alone).`,
    );
  }
  console.log(`Flags that map to nothing (reported, not migrated): ${list(outcome.unmapped)}.`);
  console.log(`Flag sets no rule matches: ${list(outcome.unmatched)}.`);
  console.log(`Global flag sets (no resource to assign a role on): ${list(outcome.unscoped)}.`);
}

/** A progress bar: `[#####     ] 500/1000 users`. */
function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} users`;
}
