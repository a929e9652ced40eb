// The repository role rules are one statement (`repositoryRoleRules`) read three ways: in memory for
// one repository (`repositoryGrants`), in SQL for lists (`readableRepositoriesFilter`), and in SQL
// over a row of role facts for a write that settles its check in its own statement
// (`repositoryRoleFactsFilter`, through `repositoryWriteGuard`). This table runs every combination
// of organization role, explicit role and default role through all three, for every repository
// permission, and expects the same answer; direct grants (active, expired, revoked) through the last two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRoles } from '../../src/gitclub/policy/built-in-roles.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { readableRepositoriesFilter, repositoryGrants, type ResolvedRole } from '../../src/gitclub/policy/repository-roles.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { repositoryWriteGuard } from '../../src/gitclub/access/repository-write-guard.js';
import type { AuthenticatedViewer } from '../../src/auth/viewer.js';
import type { ViewerAccess, WriteGuard } from '@rolegate/authz';

const organizationRoles = ['admin', 'member', 'billing', 'auditor', undefined] as const;
const explicitRoles = ['maintainer', 'contributor', 'ci-cd', undefined] as const;
const defaultRoles = ['contributor', undefined] as const;
const repositoryPermissions = permissionCatalog.permissions
  .filter((entry) => entry.resourceType === 'repository')
  .map((entry) => entry.name);

/** The custom roles of the table, as the database holds them. */
const customRoles: Record<string, readonly string[]> = {
  auditor: ['read:organization', 'read_audit_log:organization'],
  'ci-cd': ['read:repository', 'trigger_workflow:repository'],
};

function resolved(name: string | undefined): ResolvedRole | undefined {
  if (name === undefined) return undefined;
  const custom = customRoles[name];
  return { name, permissions: custom ? new Set(custom) : (builtInRoles.get(name)?.permissions ?? new Set()) };
}

const cases = organizationRoles.flatMap((organizationRole) =>
  explicitRoles.flatMap((explicitRole) => defaultRoles.map((defaultRole) => ({ organizationRole, explicitRole, defaultRole }))),
);

let api: TestServer;
/** One organization and repository per case, and the viewer id holding the case's roles there. */
const arranged = new Map<(typeof cases)[number], { viewerId: string; repositoryId: string }>();

beforeAll(async () => {
  api = await startTestServer();
  const em = api.server.db.em.fork();
  const roleId = async (name: string, organizationId: string) => {
    const [row] = await em.execute<{ id: string }[]>(
      'select id from roles where name = ? and (organization_id is null or organization_id = ?)',
      [name, organizationId],
    );
    if (!row) throw new Error(`No role ${name}`);
    return row.id;
  };
  const [viewer] = await em.execute<{ id: string }[]>(`select id from users where login = 'ringo'`);
  const viewerId = viewer?.id as string;
  for (const [index, testCase] of cases.entries()) {
    const [organization] = await em.execute<{ id: string }[]>(
      `insert into organizations (id, login, name, created_at) values (gen_random_uuid(), ?, ?, now()) returning id`,
      [`rules-${index}`, `Rules ${index}`],
    );
    const organizationId = organization?.id as string;
    for (const [name, permissions] of Object.entries(customRoles)) {
      const [role] = await em.execute<{ id: string }[]>(
        `insert into roles (id, name, resource_type, built_in, organization_id, created_at)
         values (gen_random_uuid(), ?, ?, false, ?, now()) returning id`,
        [name, name === 'auditor' ? 'organization' : 'repository', organizationId],
      );
      await em.execute('insert into role_permissions (role_id, permission_id) select ?, id from permissions where name = any(?::text[])', [
        role?.id,
        `{${permissions.join(',')}}`,
      ]);
    }
    if (testCase.defaultRole) {
      await em.execute('update organizations set default_repository_role_id = ? where id = ?', [
        await roleId(testCase.defaultRole, organizationId),
        organizationId,
      ]);
    }
    const [repository] = await em.execute<{ id: string }[]>(
      `insert into repositories (id, organization_id, name, created_at) values (gen_random_uuid(), ?, 'repo', now()) returning id`,
      [organizationId],
    );
    const repositoryId = repository?.id as string;
    const assign = async (role: string, resourceType: string, resourceId: string) =>
      em.execute(
        `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())`,
        [viewerId, await roleId(role, organizationId), resourceType, resourceId],
      );
    if (testCase.organizationRole) await assign(testCase.organizationRole, 'organization', organizationId);
    if (testCase.explicitRole) await assign(testCase.explicitRole, 'repository', repositoryId);
    arranged.set(testCase, { viewerId, repositoryId });
  }
});
afterAll(async () => {
  await api?.stop();
});

/** A case's viewer and repository, and the permissions the in-memory rules give there. */
function arrangedCase(testCase: (typeof cases)[number]) {
  const { viewerId, repositoryId } = arranged.get(testCase) ?? { viewerId: '', repositoryId: '' };
  const inMemory = new Set(
    repositoryGrants({
      organizationRole: testCase.organizationRole,
      explicitRole: resolved(testCase.explicitRole),
      defaultRole: resolved(testCase.defaultRole),
    }).flatMap((grant) => [...grant.permissions]),
  );
  return { viewerId, repositoryId, inMemory };
}

describe('the repository role rules, in memory and in SQL', () => {
  it.each(cases)('organization role $organizationRole, explicit $explicitRole, default $defaultRole', async (testCase) => {
    const { viewerId, repositoryId, inMemory } = arrangedCase(testCase);
    const em = api.server.db.em.fork();
    const inSql = new Set<string>();
    for (const permission of repositoryPermissions) {
      const filter = readableRepositoriesFilter(viewerId, testCase.organizationRole, permission);
      const rows = await em.execute(
        `select 1 from repositories r join organizations o on o.id = r.organization_id where r.id = ? and ${filter.sql}`,
        [repositoryId, ...filter.params],
      );
      if (rows.length > 0) inSql.add(permission);
    }
    expect([...inSql].sort()).toEqual([...inMemory].filter((name) => (repositoryPermissions as readonly string[]).includes(name)).sort());
  });

  it('the table covers a case of every rule and of none', () => {
    const vias = new Set(
      cases.flatMap((testCase) =>
        repositoryGrants({
          organizationRole: testCase.organizationRole,
          explicitRole: resolved(testCase.explicitRole),
          defaultRole: resolved(testCase.defaultRole),
        }).map((grant) => grant.via),
      ),
    );
    expect([...vias].sort()).toEqual(['default-role', 'explicit', 'organization-admin']);
    expect(cases.some((testCase) => !testCase.organizationRole && !testCase.explicitRole)).toBe(true);
  });
});

/**
 * What a write guard on `repositoryId` says for `permission`: whether its statement would write
 * (`allowed`), and the permissions of the access its row hands the engine.
 */
async function writeGuardOf(viewerId: string, repositoryId: string, permission: string, mayHoldGrants = true) {
  const viewer: AuthenticatedViewer = { id: viewerId, organizationRoles: new Map(), mayHoldGrants, platformRole: null };
  let settled: ViewerAccess | null | undefined;
  const pending: WriteGuard = {
    pending: { permission, resourceType: 'repository', resourceId: repositoryId },
    decideNow: () => Promise.reject(new Error('A write guard for an ordinary viewer decides in the write.')),
    settle: (access) => void (settled = access),
    assertSettled: () => {},
  };
  const guard = await repositoryWriteGuard(viewer, pending);
  if (!guard) throw new Error('No write guard');
  const [row] = await api.server.db.em
    .fork()
    .execute<{ allowed: boolean; row: unknown }[]>(`select g.allowed, to_jsonb(g) as row from (${guard.sql}) g`, [...guard.params]);
  guard.settle(row?.row);
  return { allowed: row?.allowed === true, permissions: settled ? [...settled.permissions] : [] };
}

describe('the repository role rules, in SQL over the facts a write reads (write guards)', () => {
  const visibility = 'read:repository';
  it.each(cases)('organization role $organizationRole, explicit $explicitRole, default $defaultRole', async (testCase) => {
    const { viewerId, repositoryId, inMemory } = arrangedCase(testCase);
    const writes: string[] = [];
    for (const permission of repositoryPermissions) {
      const guard = await writeGuardOf(viewerId, repositoryId, permission);
      if (guard.allowed) writes.push(permission);
      // The row hands the engine what the in-memory rules give, whether the token says grants may be held or not (none here).
      expect(guard.permissions.sort()).toEqual([...inMemory].sort());
      const withoutGrants = await writeGuardOf(viewerId, repositoryId, permission, false);
      expect({ ...withoutGrants, permissions: withoutGrants.permissions.sort() }).toEqual(guard);
    }
    // A write goes ahead where the permission holds and the repository can be seen.
    const expected = repositoryPermissions.filter((name) => inMemory.has(name) && inMemory.has(visibility));
    expect(writes.sort()).toEqual([...expected].sort());
  });

  it.each([
    { grant: 'active', expires: "now() + interval '1 day'", revoked: 'null', holds: true },
    { grant: 'expired', expires: "now() - interval '1 second'", revoked: 'null', holds: false },
    { grant: 'revoked', expires: "now() + interval '1 day'", revoked: 'now()', holds: false },
  ])('a direct grant of trigger_workflow to an outsider, $grant: writes $holds', async ({ expires, revoked, holds }) => {
    const em = api.server.db.em.fork();
    const [organization] = await em.execute<{ id: string }[]>(
      `insert into organizations (id, login, name, created_at) values (gen_random_uuid(), gen_random_uuid()::text, 'Grants', now()) returning id`,
    );
    const [repository] = await em.execute<{ id: string }[]>(
      `insert into repositories (id, organization_id, name, created_at) values (gen_random_uuid(), ?, 'granted', now()) returning id`,
      [organization?.id],
    );
    const [viewer] = await em.execute<{ id: string }[]>(`select id from users where login = 'bill'`);
    await em.execute(
      `insert into permission_grants (id, user_id, resource_type, resource_id, organization_id, permission, reason, created_at, expires_at, revoked_at)
       select gen_random_uuid(), ?, 'repository', ?, ?, 'trigger_workflow:repository', 'on call', now(), ${expires}, ${revoked}`,
      [viewer?.id, repository?.id, organization?.id],
    );
    const outcomes = Object.fromEntries(
      await Promise.all(
        ['trigger_workflow:repository', visibility, 'create_issue:repository'].map(
          async (permission) =>
            [permission, (await writeGuardOf(viewer?.id as string, repository?.id as string, permission)).allowed] as const,
        ),
      ),
    );
    expect(outcomes).toEqual({ 'trigger_workflow:repository': holds, [visibility]: holds, 'create_issue:repository': false });
  });
});
