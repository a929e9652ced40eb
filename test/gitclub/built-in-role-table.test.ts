// The built-in role table, checked twice. At compile time (`npm run typecheck` includes test/): a
// typo in a role's actions or implications, or in a role name the policy uses, fails the typecheck;
// each `@ts-expect-error` below fails it in turn if the error it expects ever goes away. At run time:
// the policy sync writes every permission of every built-in role to the database, dropping none.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { builtInRoles } from '../../src/gitclub/policy/built-in-roles.js';
import {
  builtInRolesOn,
  creatorRole,
  defaultRoleRecipient,
  initialDefaultRepositoryRole,
  organizationOwnerRole,
  permissionCatalog,
  repositoryOwnerRole,
  type BuiltInRoleName,
} from '../../src/gitclub/policy/policy.js';
import { syncPolicy } from '../../src/gitclub/policy/sync-policy.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('the types of the built-in role table', () => {
  it('accept actions of the resource type and roles defined beside', () => {
    const roles = builtInRolesOn('repository', {
      reader: { description: 'Reads.', implies: [], actions: ['read', 'read_code'] },
      writer: { description: 'Writes.', implies: ['reader'], actions: ['update'] },
    });
    expect(roles.map((role) => [role.name, role.resourceType, role.implies, role.actions])).toEqual([
      ['reader', 'repository', [], ['read', 'read_code']],
      ['writer', 'repository', ['reader'], ['update']],
    ]);
  });

  it('refuse a misspelt action, and an action of another resource type', () => {
    builtInRolesOn('repository', {
      // @ts-expect-error: "raed" is no action of the permission table.
      reader: { description: 'Reads.', implies: [], actions: ['raed'] },
      // @ts-expect-error: "read_billing" is an organization action, not a repository one.
      biller: { description: 'Bills.', implies: [], actions: ['read_billing'] },
    });
  });

  it('refuse implying a misspelt role, and a role of another resource type', () => {
    builtInRolesOn('repository', {
      contributor: { description: 'Reads.', implies: [], actions: ['read'] },
      // @ts-expect-error: "contributer" is not defined beside it.
      maintainer: { description: 'Writes.', implies: ['contributer'], actions: ['update'] },
      // @ts-expect-error: "member" is an organization role.
      member_reader: { description: 'Reads.', implies: ['member'], actions: ['read'] },
    });
  });

  it('name the roles the policy relies on, each on its resource type', () => {
    expectTypeOf<typeof defaultRoleRecipient>().toExtend<BuiltInRoleName<'organization'>>();
    expectTypeOf<typeof organizationOwnerRole>().toExtend<BuiltInRoleName<'organization'>>();
    expectTypeOf<typeof repositoryOwnerRole>().toExtend<BuiltInRoleName<'repository'>>();
    expectTypeOf<typeof initialDefaultRepositoryRole>().toExtend<BuiltInRoleName<'repository'>>();
    expectTypeOf<typeof creatorRole>().toExtend<{
      organization: BuiltInRoleName<'organization'>;
      repository: BuiltInRoleName<'repository'>;
    }>();
    expectTypeOf<'member'>().not.toExtend<BuiltInRoleName<'repository'>>();
    expectTypeOf<'maintaner'>().not.toExtend<BuiltInRoleName>();
  });
});

describe('the policy sync', () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openGitClubDatabase({ databaseUrl: database.databaseUrl, pgliteDataDir: 'memory://' }, { seedDemoData: false });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  /** The built-in roles as the database holds them, each with its permissions sorted. */
  async function storedRoles(): Promise<Record<string, { resourceType: string; permissions: string[] }>> {
    const rows = await db.em.fork().execute<{ name: string; resource_type: string; permissions: (string | null)[] }[]>(
      `select r.name, r.resource_type, array_agg(p.name order by p.name) as permissions from roles r
       left join role_permissions rp on rp.role_id = r.id left join permissions p on p.id = rp.permission_id
       where r.built_in group by r.name, r.resource_type`,
    );
    return Object.fromEntries(
      rows.map((row) => [row.name, { resourceType: row.resource_type, permissions: row.permissions.filter((name) => name !== null) }]),
    );
  }

  const expected = Object.fromEntries(
    [...builtInRoles.values()].map((role) => [role.name, { resourceType: role.resourceType, permissions: [...role.permissions].sort() }]),
  );

  it('stores every catalog permission', async () => {
    const rows = await db.em.fork().execute<{ name: string }[]>('select name from permissions order by name');
    expect(rows.map((row) => row.name)).toEqual(permissionCatalog.permissions.map((permission) => permission.name).sort());
  });

  it('stores every built-in role with all its permissions', async () => {
    expect(await storedRoles()).toEqual(expected);
  });

  it('stores the same when run again', async () => {
    await syncPolicy(db.em.fork());
    expect(await storedRoles()).toEqual(expected);
  });
});
