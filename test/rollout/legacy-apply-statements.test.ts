import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { sqlArray } from '../../src/db/sql-array.js';
import { changeRolesAsCommand } from '../../src/gitclub/access-write/command-changes.js';
import type { RoleChangeRequest } from '../../src/gitclub/access-write/role-changes.js';
import { entities } from '../../src/gitclub/entities/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * What the legacy apply pays per assignment: it gives thousands of roles through the write path,
 * 500 users to a unit of work (legacy-migration.test.ts). A unit of 20 changes minus a unit of 10
 * is what 10 changes cost: per change, the assignment held there now, the target-user guard and
 * the insert, and on a repository its organization; the organization's lock, the role by name,
 * the raised versions and the audit entries are sent once per unit. Each change is still audited
 * and every changed user's version raised; a refusal leaves nothing of the unit.
 */
const cases = [
  { place: 'organization', role: 'member', perChange: 3 },
  { place: 'repository', role: 'contributor', perChange: 4 },
] as const;

let database: TestDatabase;
let db: Database;
const sent: string[] = [];
let places: Record<(typeof cases)[number]['place'], string>;
let spareUsers: string[];

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  db = await openDatabase(
    {
      databaseUrl: database.databaseUrl,
      pgliteDataDir: 'memory://',
      pgliteTemplate: database.pgliteTemplate,
      onQuery: (sql) => sent.push(sql),
    },
    entities,
  );
  const em = db.em.fork();
  const [repository] = await em.execute<{ id: string; organization_id: string }[]>(
    'select id, organization_id from repositories order by name limit 1',
  );
  if (!repository) throw new Error('The seeded database has no repository.');
  places = { organization: repository.organization_id, repository: repository.id };
  const logins = Array.from({ length: 100 }, (_, index) => `statements-user-${index}`);
  const users = await em.execute<{ id: string }[]>(
    `insert into users (id, login, name, email, password_hash, created_at)
     select gen_random_uuid(), l, l, l || '@statements.test', 'none', now() from unnest(?::text[]) l returning id`,
    [sqlArray(logins)],
  );
  spareUsers = users.map((user) => user.id);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

/** Users no change has touched yet. */
function freshUsers(count: number): string[] {
  return spareUsers.splice(0, count);
}

/** Runs the requests in one unit of work as a command; returns the statements sent (and the refusal, if any). */
async function unitOf(requests: readonly RoleChangeRequest[]): Promise<{ statements: number; refusal?: unknown }> {
  const before = sent.length;
  const command = { em: db.em.fork(), name: 'statements-test', requestId: 'test:statements', publish: async () => {} };
  try {
    await changeRolesAsCommand(command, async (change) => {
      for (const request of requests) await change(request);
    });
    return { statements: sent.length - before };
  } catch (refusal) {
    return { statements: sent.length - before, refusal };
  }
}

const assigning = (userIds: readonly string[], place: keyof typeof places, roleName: string): RoleChangeRequest[] =>
  userIds.map((userId) => ({ kind: 'assign', userId, place: { resourceType: place, resourceId: places[place] }, roleName }));

async function stateOf(userIds: readonly string[]) {
  const em = db.em.fork();
  const [row] = await em.execute<{ assignments: string; versions: string; audits: string }[]>(
    `select (select count(*) from role_assignments where user_id = any(?::uuid[])) as assignments,
            (select coalesce(sum(authz_version), 0) from users where id = any(?::uuid[])) as versions,
            (select count(*) from audit_log_entries where target_user_id = any(?::uuid[]) and request_id = 'test:statements') as audits`,
    [sqlArray(userIds), sqlArray(userIds), sqlArray(userIds)],
  );
  return { assignments: Number(row?.assignments), versions: Number(row?.versions), audits: Number(row?.audits) };
}

describe('a unit of work of the legacy apply', () => {
  it.each(cases)('$place: each role change sends $perChange statements', async ({ place, role, perChange }) => {
    const ten = freshUsers(10);
    const twenty = freshUsers(20);
    const before = await stateOf(twenty);
    const small = await unitOf(assigning(ten, place, role));
    const large = await unitOf(assigning(twenty, place, role));
    expect([small.refusal, large.refusal]).toEqual([undefined, undefined]);
    expect(large.statements - small.statements).toBe(10 * perChange);
    expect(await stateOf(twenty)).toEqual({ assignments: 20, versions: before.versions + 20, audits: 20 });
  });

  it('a refused change leaves nothing of its unit: no assignment, no raised version, no audit entry', async () => {
    const users = freshUsers(5);
    const before = await stateOf(users);
    const requests = assigning(users, 'organization', 'member');
    // The same membership twice: the guard `noAssignmentYet` refuses the second.
    const { refusal } = await unitOf([...requests, requests[0] as RoleChangeRequest]);
    expect(String(refusal)).toMatch(/already a member/);
    expect(await stateOf(users)).toEqual({ assignments: 0, versions: before.versions, audits: 0 });
  });
});
