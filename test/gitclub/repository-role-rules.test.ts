// The repository role rules are one statement (`repositoryRoleRules`) read two ways: in memory for
// one repository (`repositoryGrants`) and in SQL for lists (`readableRepositoriesFilter`). This
// table runs every combination of organization role, explicit role and default role through both,
// for every repository permission, and expects the same answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRoles } from '../../src/gitclub/policy/built-in-roles.js';
import { permissionCatalog } from '../../src/gitclub/policy/policy.js';
import { readableRepositoriesFilter, repositoryGrants, type ResolvedRole } from '../../src/gitclub/policy/repository-roles.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

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

describe('the repository role rules, in memory and in SQL', () => {
  it.each(cases)('organization role $organizationRole, explicit $explicitRole, default $defaultRole', async (testCase) => {
    const { viewerId, repositoryId } = arranged.get(testCase) ?? { viewerId: '', repositoryId: '' };
    const inMemory = new Set(
      repositoryGrants({
        organizationRole: testCase.organizationRole,
        explicitRole: resolved(testCase.explicitRole),
        defaultRole: resolved(testCase.defaultRole),
      }).flatMap((grant) => [...grant.permissions]),
    );
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
