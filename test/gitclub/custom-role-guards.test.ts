import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectGuardOutcome, type GuardOutcome } from '../helpers/guard-table.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { inDays } from '../helpers/time.js';

/**
 * The guards on editing and deleting custom roles, persona x operation -> outcome. Each row gets an
 * organization of its own, made by john (its admin) with a repository `code` (john its explicit
 * maintainer) and the custom roles the row names, where paul (the actor) and ringo (a holder) hold
 * what the row says. A refusal is FORBIDDEN with its reason, and writes nothing: no role, permission
 * or assignment changes, no audit entry.
 *
 * - TARGET_HOLDS_MORE: nobody edits or deletes a role giving more than they hold where roles are
 *   defined (organization roles on the organization, repository roles organization-wide, as an
 *   admin or through the default role), whether anyone holds it or every member does (the default).
 * - PRIVILEGE_ESCALATION: nobody gives a role more than they hold, nor moves holders to a role
 *   giving more than they hold there (`admin` also needs maintainer on every repository;
 *   repository roles organization-wide).
 * - OWN_ROLE: nobody adds permissions to a role they hold, nor moves themselves to another role.
 */
type Expected = GuardOutcome;

/** What a user holds in the row's organization: a membership, an explicit role on `code`, a direct grant on the organization. */
interface Holdings {
  readonly org?: string;
  readonly repo?: string;
  readonly grant?: string;
}

/** An edit or a deletion of the custom role named `role`. */
interface Operation {
  readonly mutation: 'updateCustomRole' | 'deleteCustomRole';
  readonly role: string;
  readonly name?: string;
  readonly permissions?: readonly string[];
  readonly reassignTo?: string;
}

interface Row {
  readonly rule: string;
  readonly actor: Holdings;
  /** What ringo holds; nothing when omitted. */
  readonly holder?: Holdings;
  /** The organization's default repository role, when not `contributor`. */
  readonly defaultRole?: string;
  readonly operation: Operation;
  readonly expect: Expected;
}

const organizationPermissions = (...actions: string[]) => actions.map((action) => `${action}:organization`);
const repositoryPermissions = (...actions: string[]) => actions.map((action) => `${action}:repository`);

/** Custom roles a row may name; every custom role also holds its type's `read`. */
const customRoles: Record<string, { resourceType: 'ORGANIZATION' | 'REPOSITORY'; permissions: string[] }> = {
  watcher: { resourceType: 'ORGANIZATION', permissions: organizationPermissions('read_members') },
  doorkeeper: { resourceType: 'ORGANIZATION', permissions: organizationPermissions('manage_members') },
  'people-ops': { resourceType: 'ORGANIZATION', permissions: organizationPermissions('read_members', 'manage_members') },
  keeper: { resourceType: 'ORGANIZATION', permissions: organizationPermissions('read_members', 'manage_roles') },
  'role-manager': { resourceType: 'ORGANIZATION', permissions: organizationPermissions('read_members', 'manage_members', 'manage_roles') },
  // Everything member gives on the organization, plus managing members and roles, but no code access.
  'people-lead': {
    resourceType: 'ORGANIZATION',
    permissions: organizationPermissions('read_members', 'create_repository', 'manage_members', 'manage_roles'),
  },
  // Every organization permission, without being admin (so without being maintainer of every repository).
  'org-manager': {
    resourceType: 'ORGANIZATION',
    permissions: organizationPermissions(
      'read_members',
      'create_repository',
      'manage_members',
      'manage_roles',
      'read_billing',
      'manage_billing',
      'read_audit_log',
      'update',
      'delete',
    ),
  },
  reader: { resourceType: 'REPOSITORY', permissions: repositoryPermissions('read') },
  // Within contributor, the default repository role.
  coder: { resourceType: 'REPOSITORY', permissions: repositoryPermissions('read_code') },
  // More than contributor.
  triager: { resourceType: 'REPOSITORY', permissions: repositoryPermissions('read_code', 'manage_issues') },
};

const edit = (role: string, change: { name?: string; permissions?: string[] }): Operation => ({
  mutation: 'updateCustomRole',
  role,
  ...change,
});
const remove = (role: string, reassignTo?: string): Operation => ({ mutation: 'deleteCustomRole', role, reassignTo });

/** A member who manages roles for a while: a grant of manage_roles on the organization, the default role (contributor) on repositories. */
const temporaryRoleManager: Holdings = { org: 'member', grant: 'manage_roles:organization' };

const rows: Row[] = [
  // Organization roles: editing one
  {
    rule: 'an admin takes permissions away from a role',
    actor: { org: 'admin' },
    holder: { org: 'org-manager' },
    operation: edit('org-manager', { permissions: organizationPermissions('read_members') }),
    expect: 'allowed',
  },
  {
    rule: 'a role manager cannot take permissions away from holders of a role giving more',
    actor: { org: 'role-manager' },
    holder: { org: 'org-manager' },
    operation: edit('org-manager', { permissions: organizationPermissions('read_members') }),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager cannot rename a role giving more',
    actor: { org: 'role-manager' },
    holder: { org: 'org-manager' },
    operation: edit('org-manager', { name: 'viewer' }),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager takes a permission away from a role within what they hold',
    actor: { org: 'role-manager' },
    holder: { org: 'people-ops' },
    operation: edit('people-ops', { permissions: organizationPermissions('read_members') }),
    expect: 'allowed',
  },
  {
    rule: 'a role manager cannot add a permission they lack',
    actor: { org: 'role-manager' },
    holder: { org: 'people-ops' },
    operation: edit('people-ops', { permissions: organizationPermissions('read_members', 'read_billing') }),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'a temporary grant of manage_roles does not become permanent by adding it to the role one holds',
    actor: { org: 'watcher', grant: 'manage_roles:organization' },
    operation: edit('watcher', { permissions: organizationPermissions('read_members', 'manage_roles') }),
    expect: 'OWN_ROLE',
  },
  {
    rule: 'a role manager takes a permission away from the role they hold',
    actor: { org: 'role-manager' },
    holder: { org: 'role-manager' },
    operation: edit('role-manager', { permissions: organizationPermissions('read_members', 'manage_roles') }),
    expect: 'allowed',
  },
  {
    rule: 'a role manager renames the role they hold',
    actor: { org: 'role-manager' },
    operation: edit('role-manager', { name: 'steward' }),
    expect: 'allowed',
  },
  // Repository roles: editing one
  {
    rule: 'an admin takes permissions away from a repository role',
    actor: { org: 'admin' },
    holder: { org: 'member', repo: 'triager' },
    operation: edit('triager', { permissions: repositoryPermissions('read_code') }),
    expect: 'allowed',
  },
  {
    rule: 'a temporary role manager cannot take permissions away from holders of a repository role giving more than the default',
    actor: temporaryRoleManager,
    holder: { org: 'member', repo: 'triager' },
    operation: edit('triager', { permissions: repositoryPermissions('read_code') }),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a temporary role manager adds to a repository role what the default role gives',
    actor: temporaryRoleManager,
    holder: { repo: 'reader' },
    operation: edit('reader', { permissions: repositoryPermissions('read_code') }),
    expect: 'allowed',
  },
  {
    rule: 'a temporary role manager cannot add to a repository role what the default role lacks',
    actor: temporaryRoleManager,
    holder: { repo: 'reader' },
    operation: edit('reader', { permissions: repositoryPermissions('manage_issues') }),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'nobody adds to their own lower explicit role what the default role gives (it replaced the default on purpose)',
    actor: { ...temporaryRoleManager, repo: 'reader' },
    operation: edit('reader', { permissions: repositoryPermissions('read_code', 'create_issue') }),
    expect: 'OWN_ROLE',
  },
  // Organization roles: deleting one
  {
    rule: 'an admin deletes a role, moving its holders to member',
    actor: { org: 'admin' },
    holder: { org: 'org-manager' },
    operation: remove('org-manager', 'member'),
    expect: 'allowed',
  },
  {
    rule: 'a role manager cannot delete a role giving more, whatever its holders get instead',
    actor: { org: 'role-manager' },
    holder: { org: 'org-manager' },
    operation: remove('org-manager', 'people-ops'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager cannot delete a role giving more that nobody holds',
    actor: { org: 'role-manager' },
    operation: remove('org-manager'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager deletes a role within what they hold, moving its holders to another',
    actor: { org: 'role-manager' },
    holder: { org: 'people-ops' },
    operation: remove('people-ops', 'doorkeeper'),
    expect: 'allowed',
  },
  {
    rule: 'a role manager cannot move holders to a role giving what they lack',
    actor: { org: 'role-manager' },
    holder: { org: 'people-ops' },
    operation: remove('people-ops', 'member'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'a people lead without code access cannot move holders to member, which hands out the default repository role',
    actor: { org: 'people-lead' },
    holder: { org: 'people-ops' },
    operation: remove('people-ops', 'member'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'every organization permission is not enough to move holders to admin (admins are maintainers everywhere)',
    actor: { org: 'org-manager' },
    holder: { org: 'people-ops' },
    operation: remove('people-ops', 'admin'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'an admin moves holders to admin',
    actor: { org: 'admin' },
    holder: { org: 'people-ops' },
    operation: remove('people-ops', 'admin'),
    expect: 'allowed',
  },
  {
    rule: 'a temporary grant of manage_roles does not become permanent by moving oneself to a role holding it',
    actor: { org: 'watcher', grant: 'manage_roles:organization' },
    operation: remove('watcher', 'keeper'),
    expect: 'OWN_ROLE',
  },
  // Repository roles: deleting one
  {
    rule: 'a temporary role manager cannot delete a repository role giving more than the default',
    actor: temporaryRoleManager,
    holder: { org: 'member', repo: 'triager' },
    operation: remove('triager', 'reader'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a temporary role manager cannot move holders to maintainer where they are contributor',
    actor: temporaryRoleManager,
    holder: { repo: 'reader' },
    operation: remove('reader', 'maintainer'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'being maintainer of the one repository where holders are is not enough: repository roles are given organization-wide',
    actor: { ...temporaryRoleManager, repo: 'maintainer' },
    holder: { repo: 'reader' },
    operation: remove('reader', 'maintainer'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'a temporary role manager moves holders of a repository role to one the default role covers',
    actor: temporaryRoleManager,
    holder: { org: 'member', repo: 'reader' },
    operation: remove('reader', 'coder'),
    expect: 'allowed',
  },
  {
    rule: 'a role manager without repository permissions cannot delete the default repository role, which every member holds',
    actor: { org: 'role-manager' },
    defaultRole: 'reader',
    operation: remove('reader'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'an admin deletes the default repository role',
    actor: { org: 'admin' },
    defaultRole: 'reader',
    operation: remove('reader'),
    expect: 'allowed',
  },
];

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

interface Arranged {
  readonly organizationId: string;
  readonly repositoryId: string;
  readonly roleIds: Record<string, string>;
}

/** Gives `userId` what `holdings` says in the row's organization, as john. */
async function hold({ organizationId, repositoryId }: Arranged, userId: string, holdings: Holdings): Promise<void> {
  if (holdings.org) {
    await api.setup(
      'john',
      'mutation($o: ID!, $u: ID!, $role: String!) { addMember(input: {organizationId: $o, userId: $u, role: $role}) { __typename } }',
      { o: organizationId, u: userId, role: holdings.org },
    );
  }
  if (holdings.repo) {
    await api.setup(
      'john',
      'mutation($r: ID!, $u: ID!, $role: String!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: $role}) { __typename } }',
      { r: repositoryId, u: userId, role: holdings.repo },
    );
  }
  if (holdings.grant) {
    await api.setup('john', 'mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id } } }', {
      input: { userId, permission: holdings.grant, resourceId: organizationId, reason: 'Covering for a colleague', expiresAt: inDays(1) },
    });
  }
}

/** A fresh organization and repository for one row, with the custom roles it names, its default role and the holdings of paul and ringo. */
async function arrange(row: Row, index: number): Promise<Arranged> {
  const created = await api.setup(
    'john',
    'mutation($l: String!) { createOrganization(input: {login: $l, name: "Custom role guards"}) { organization { id } } }',
    { l: `custom-role-guards-${index}` },
  );
  const organizationId = (created.createOrganization as { organization: { id: string } }).organization.id;
  const roleIds: Record<string, string> = {};
  const { actor, holder = {}, operation } = row;
  for (const name of new Set([actor.org, actor.repo, holder.org, holder.repo, row.defaultRole, operation.role, operation.reassignTo])) {
    const role = name ? customRoles[name] : undefined;
    if (!name || !role) continue;
    const made = await api.setup('john', 'mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { role { id } } }', {
      input: { organizationId, name, ...role },
    });
    roleIds[name] = (made.createCustomRole as { role: { id: string } }).role.id;
  }
  if (row.defaultRole) {
    await api.setup(
      'john',
      'mutation($o: ID!, $role: String) { updateOrganization(input: {organizationId: $o, defaultRepositoryRole: $role}) { __typename } }',
      { o: organizationId, role: row.defaultRole },
    );
  }
  const repository = await api.setup(
    'john',
    'mutation($o: ID!) { createRepository(input: {organizationId: $o, name: "code"}) { repository { id } } }',
    { o: organizationId },
  );
  const arranged = { organizationId, repositoryId: (repository.createRepository as { repository: { id: string } }).repository.id, roleIds };
  await hold(arranged, api.ids.paul ?? '', actor);
  await hold(arranged, api.ids.ringo ?? '', holder);
  return arranged;
}

/** The GraphQL request of a row's operation. */
function request(
  { mutation, role, name, permissions, reassignTo }: Operation,
  { roleIds }: Arranged,
): { query: string; variables: Record<string, unknown> } {
  if (mutation === 'updateCustomRole') {
    return {
      query: 'mutation($input: UpdateCustomRoleInput!) { updateCustomRole(input: $input) { role { id } } }',
      variables: { input: { roleId: roleIds[role], name, permissions } },
    };
  }
  return {
    query: 'mutation($input: DeleteCustomRoleInput!) { deleteCustomRole(input: $input) { organization { id } } }',
    variables: { input: { roleId: roleIds[role], reassignTo } },
  };
}

/** What can change: the organization's roles and their permissions, its default role, every assignment in it, its audit log. */
async function snapshot({ organizationId, repositoryId }: Arranged) {
  const em = api.server.db.em.fork();
  const roles = await em.execute<{ name: string; permission: string | null }[]>(
    `select r.name, p.name as permission from roles r left join role_permissions rp on rp.role_id = r.id left join permissions p on p.id = rp.permission_id
     where r.organization_id = ? order by r.name, p.name`,
    [organizationId],
  );
  const [organization] = await em.execute<{ default_repository_role_id: string | null }[]>(
    'select default_repository_role_id from organizations where id = ?',
    [organizationId],
  );
  const assignments = await em.execute<{ user_id: string; resource_id: string; role_id: string }[]>(
    'select user_id, resource_id, role_id from role_assignments where resource_id in (?, ?) order by user_id, resource_id',
    [organizationId, repositoryId],
  );
  const [audit] = await em.execute<{ count: string }[]>('select count(*) from audit_log_entries where organization_id = ?', [
    organizationId,
  ]);
  return { roles, defaultRole: organization?.default_repository_role_id, assignments, auditEntries: Number(audit?.count ?? 0) };
}

describe('custom role guards (actor paul, holder ringo, in an organization of its own per row)', () => {
  it.each(rows.map((row, index) => ({ ...row, index })))('$rule: $expect', async (row) => {
    const arranged = await arrange(row, row.index);
    const before = await snapshot(arranged);
    const { query, variables } = request(row.operation, arranged);
    const response = await api.gql('paul', query, variables);
    const after = await snapshot(arranged);
    expectGuardOutcome(response, row.operation.mutation, row.expect, before, after);
  });
});
