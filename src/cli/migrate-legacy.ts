import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { EntityManager } from '../db/database.js';
import { sqlArray } from '../db/sql-array.js';
import { recordAudit } from '../gitclub/audit/record-audit.js';
import { loadLegacyMapping } from '../gitclub/legacy/legacy-mapping.js';
import {
  loadFlagSets,
  planAssignments,
  proposeMapping,
  type DesiredAssignment,
  type MigrationMapping,
  type MigrationOutcome,
} from '../gitclub/legacy/migration-plan.js';
import { openCliDatabase, runCli } from './open-cli-database.js';

const usage = `Usage:
  npm run migrate:legacy -- analyze [--out legacy/migration-mapping.draft.json]
  npm run migrate:legacy -- plan --mapping FILE      (a dry run: what would change)
  npm run migrate:legacy -- apply --mapping FILE     (idempotent, resumable)`;

/**
 * Turns legacy flags into role assignments. `analyze` groups users by identical flag sets and
 * proposes roles; `plan` shows what a mapping would change; `apply` performs it in batches (each
 * batch one transaction, every assignment audited with the migration as actor). Running `apply`
 * again changes nothing; killed midway, it resumes where it stopped. Existing different roles are
 * never overwritten: they are reported as conflicts.
 */
runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      out: { type: 'string', default: 'legacy/migration-mapping.draft.json' },
      'batch-size': { type: 'string', default: '500' },
    },
  });
  const step = positionals[0] ?? 'plan';
  const legacy = loadLegacyMapping(process.env.LEGACY_MAPPING_FILE || 'legacy/mapping.example.json');
  const db = await openCliDatabase();
  try {
    const em = db.em.fork();
    if (step === 'analyze') {
      const draft = proposeMapping(await loadFlagSets(em), legacy);
      writeFileSync(values.out, `${JSON.stringify(draft, null, 2)}\n`);
      console.table(
        draft.rules.map((rule) => ({ scope: rule.scope, flags: rule.flags.join(' + '), users: rule.users, proposedRole: rule.role })),
      );
      console.log(`Flags that map to no permission: ${draft.ignoredFlags.join(', ') || 'none'}.`);
      console.log(`Draft written to ${values.out}: edit the roles, then run plan and apply with --mapping.`);
      return;
    }
    if ((step !== 'plan' && step !== 'apply') || !values.mapping) throw new Error(usage);
    const mapping = JSON.parse(readFileSync(values.mapping, 'utf8')) as MigrationMapping;
    if (step === 'plan') await plan(em, mapping, legacy);
    else await apply(em, mapping, legacy, Number(values['batch-size']));
  } finally {
    await db.close();
  }
});

async function plan(em: EntityManager, mapping: MigrationMapping, legacy: Parameters<typeof planAssignments>[2]): Promise<void> {
  const outcome = planAssignments(await loadFlagSets(em), mapping, legacy);
  const changes = await diff(em, outcome.desired);
  for (const change of changes.add.slice(0, 20))
    console.log(`+ ${change.login}: ${change.role} on ${change.resourceType} ${change.resourceId}`);
  if (changes.add.length > 20) console.log(`  ... and ${changes.add.length - 20} more`);
  report(outcome, changes);
  console.log('Dry run: nothing was written.');
}

async function apply(
  em: EntityManager,
  mapping: MigrationMapping,
  legacy: Parameters<typeof planAssignments>[2],
  batchSize: number,
): Promise<void> {
  const users = (await em.execute<{ user_id: string }[]>('select distinct user_id from legacy_permission_flags order by user_id')).map(
    (row) => row.user_id,
  );
  const totals = { added: 0, unchanged: 0, conflicts: 0 };
  const merged: MigrationOutcome = { desired: [], unmatched: new Map(), unmapped: new Map(), unscoped: new Map() };
  for (let start = 0; start < users.length; start += batchSize) {
    const batch = users.slice(start, start + batchSize);
    await em.transactional(async (tx) => {
      const outcome = planAssignments(await loadFlagSets(tx, batch), mapping, legacy);
      mergeCounts(merged, outcome);
      const changes = await diff(tx, outcome.desired);
      totals.unchanged += changes.unchanged;
      totals.conflicts += changes.conflicts.length;
      const roles = new Map(
        (
          await tx.execute<{ key: string; id: string }[]>(
            `select coalesce(organization_id::text, '') || '|' || resource_type || '|' || name as key, id from roles`,
          )
        ).map((row) => [row.key, row.id]),
      );
      for (const change of changes.add) {
        const roleId =
          roles.get(`${change.organizationId}|${change.resourceType}|${change.role}`) ??
          roles.get(`|${change.resourceType}|${change.role}`);
        if (!roleId)
          throw new Error(
            `The mapping names role "${change.role}", which is not a ${change.resourceType} role of organization ${change.organizationId}.`,
          );
        await tx.execute(
          'insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())',
          [change.userId, roleId, change.resourceType, change.resourceId],
          'run',
        );
        recordAudit(tx, {
          organizationId: change.organizationId,
          actorId: null,
          action: change.resourceType === 'organization' ? 'membership.added' : 'repository_role.assigned',
          targetUserId: change.userId,
          resourceType: change.resourceType,
          resourceId: change.resourceId,
          after: { role: change.role, actor: 'legacy-migration' },
          requestId: 'migration:legacy',
        });
      }
      if (changes.add.length > 0) {
        await tx.execute(
          'update users set authz_version = authz_version + 1 where id = any(?::uuid[])',
          [sqlArray([...new Set(changes.add.map((change) => change.userId))])],
          'run',
        );
      }
      totals.added += changes.add.length;
    });
    progress(Math.min(start + batchSize, users.length), users.length);
  }
  process.stderr.write('\n');
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

function progress(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} users`);
}
