import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectGuardOutcome, type GuardOutcome } from '../helpers/guard-table.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { inDays } from '../helpers/time.js';

/**
 * The guards on changing who holds what, persona x operation -> outcome. Each row gets an
 * organization of its own, made by john (its admin) with a repository `code` (john its explicit
 * maintainer), where paul (the actor) and ringo (the target) hold what the row says. A refusal is
 * FORBIDDEN with its reason, and writes nothing: no assignment changes, no audit entry.
 *
 * - OWN_ROLE: nobody gives, changes or removes their own role (leaving an organization stays possible).
 * - TARGET_HOLDS_MORE: nobody changes or removes the role of someone whose role gives more than they hold
 *   (on a repository, a member without an explicit role holds the default role, `contributor` here).
 * - PRIVILEGE_ESCALATION: nobody gives more than they hold, by assigning a role or by removing one
 *   (a member whose explicit role is removed falls back on the default role).
 * What a role gives is everything it hands out: `member` also gives the default repository role on
 * every repository, `admin` the maintainer's permissions everywhere; so managing members without
 * code access cannot make anyone a member.
 */
type Expected = GuardOutcome;

/** What a user holds in the row's organization: a membership, an explicit role on `code`, a direct grant. */
interface Holdings {
  readonly org?: string;
  readonly repo?: string;
  readonly grant?: string;
}

interface Arranged {
  readonly organizationId: string;
  readonly repositoryId: string;
  readonly targetId: string;
}

interface Row {
  readonly rule: string;
  readonly actor: Holdings;
  /** `self`: the actor acts on their own role. */
  readonly target: Holdings | 'self';
  readonly operation: Operation;
  readonly expect: Expected;
}

/** Custom roles a row may name; every custom role also holds its type's `read`. */
const customRoles: Record<string, { resourceType: 'ORGANIZATION' | 'REPOSITORY'; permissions: string[] }> = {
  doorkeeper: { resourceType: 'ORGANIZATION', permissions: ['manage_members:organization'] },
  'people-ops': { resourceType: 'ORGANIZATION', permissions: ['read_members:organization', 'manage_members:organization'] },
  // What member holds, plus managing members.
  'people-lead': {
    resourceType: 'ORGANIZATION',
    permissions: ['read_members:organization', 'create_repository:organization', 'manage_members:organization'],
  },
  // Every organization permission, without being admin (so without being maintainer of every repository).
  'org-manager': {
    resourceType: 'ORGANIZATION',
    permissions: [
      'read_members',
      'create_repository',
      'manage_members',
      'manage_roles',
      'read_billing',
      'manage_billing',
      'read_audit_log',
      'update',
      'delete',
    ].map((action) => `${action}:organization`),
  },
  reader: { resourceType: 'REPOSITORY', permissions: ['read:repository'] },
  // Manages repository roles without reading the code.
  gatekeeper: { resourceType: 'REPOSITORY', permissions: ['manage_roles:repository'] },
};

/** A mutation of a row, with the role it gives (if any). */
interface Operation {
  readonly mutation: 'addMember' | 'changeMemberRole' | 'removeMember' | 'assignRepositoryRole' | 'removeRepositoryRole';
  readonly role?: string;
}

const addMember = (role: string): Operation => ({ mutation: 'addMember', role });
const changeMemberRole = (role: string): Operation => ({ mutation: 'changeMemberRole', role });
const removeMember: Operation = { mutation: 'removeMember' };
const assignRepositoryRole = (role: string): Operation => ({ mutation: 'assignRepositoryRole', role });
const removeRepositoryRole: Operation = { mutation: 'removeRepositoryRole' };

/** The GraphQL request of an operation on `targetId` in the row's organization or repository. */
function request(
  { mutation, role }: Operation,
  { organizationId, repositoryId, targetId }: Arranged,
): { query: string; variables: Record<string, unknown> } {
  const onRepository = mutation === 'assignRepositoryRole' || mutation === 'removeRepositoryRole';
  const resource = onRepository ? 'repositoryId: $id' : 'organizationId: $id';
  return {
    query: `mutation($id: ID!, $u: ID!${role ? ', $role: String!' : ''}) { ${mutation}(input: {${resource}, userId: $u${role ? ', role: $role' : ''}}) { __typename } }`,
    variables: { id: onRepository ? repositoryId : organizationId, u: targetId, ...(role ? { role } : {}) },
  };
}

const rows: Row[] = [
  // Organization roles: changing one
  {
    rule: 'an admin demotes another admin',
    actor: { org: 'admin' },
    target: { org: 'admin' },
    operation: changeMemberRole('member'),
    expect: 'allowed',
  },
  {
    rule: 'a member manager cannot demote an admin',
    actor: { org: 'people-lead' },
    target: { org: 'admin' },
    operation: changeMemberRole('member'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager cannot change the role of billing, which holds billing permissions',
    actor: { org: 'people-lead' },
    target: { org: 'billing' },
    operation: changeMemberRole('member'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager changes a role within what they hold to another',
    actor: { org: 'people-lead' },
    target: { org: 'people-ops' },
    operation: changeMemberRole('doorkeeper'),
    expect: 'allowed',
  },
  {
    rule: "a member manager cannot change a member's role: member hands out the default repository role, which they lack",
    actor: { org: 'people-lead' },
    target: { org: 'member' },
    operation: changeMemberRole('people-ops'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager cannot make someone a member: member hands out the default repository role (code access)',
    actor: { org: 'people-lead' },
    target: { org: 'people-ops' },
    operation: changeMemberRole('member'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'a member manager without create_repository cannot change a member',
    actor: { org: 'people-ops' },
    target: { org: 'member' },
    operation: changeMemberRole('people-ops'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'every organization permission is not enough to demote an admin (admins are maintainers everywhere)',
    actor: { org: 'org-manager' },
    target: { org: 'admin' },
    operation: changeMemberRole('member'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager cannot promote to a role above their own',
    actor: { org: 'people-lead' },
    target: { org: 'people-ops' },
    operation: changeMemberRole('admin'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'nobody changes their own organization role',
    actor: { org: 'admin' },
    target: 'self',
    operation: changeMemberRole('member'),
    expect: 'OWN_ROLE',
  },
  // Organization roles: removing one
  { rule: 'an admin removes another admin', actor: { org: 'admin' }, target: { org: 'admin' }, operation: removeMember, expect: 'allowed' },
  {
    rule: 'a member manager cannot remove an admin',
    actor: { org: 'people-lead' },
    target: { org: 'admin' },
    operation: removeMember,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'every organization permission is not enough to remove an admin',
    actor: { org: 'org-manager' },
    target: { org: 'admin' },
    operation: removeMember,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager cannot remove someone whose custom role holds more',
    actor: { org: 'people-lead' },
    target: { org: 'org-manager' },
    operation: removeMember,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager removes someone whose role is within what they hold',
    actor: { org: 'people-lead' },
    target: { org: 'people-ops' },
    operation: removeMember,
    expect: 'allowed',
  },
  {
    rule: 'a member manager cannot remove a member, who holds the default repository role they lack',
    actor: { org: 'people-lead' },
    target: { org: 'member' },
    operation: removeMember,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager without create_repository cannot remove a member',
    actor: { org: 'people-ops' },
    target: { org: 'member' },
    operation: removeMember,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a member manager may leave the organization',
    actor: { org: 'people-ops' },
    target: 'self',
    operation: removeMember,
    expect: 'allowed',
  },
  // Organization roles: giving one
  { rule: 'an admin adds an admin', actor: { org: 'admin' }, target: {}, operation: addMember('admin'), expect: 'allowed' },
  {
    rule: 'every organization permission is not enough to make an admin',
    actor: { org: 'org-manager' },
    target: {},
    operation: addMember('admin'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'a member manager adds someone with a role within what they hold',
    actor: { org: 'people-lead' },
    target: {},
    operation: addMember('people-ops'),
    expect: 'allowed',
  },
  {
    rule: 'a member manager without code access cannot add a member: member hands out the default repository role',
    actor: { org: 'people-lead' },
    target: {},
    operation: addMember('member'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: 'a temporary grant of manage_members does not let its holder make themselves a member',
    actor: { grant: 'manage_members:organization' },
    target: 'self',
    operation: addMember('doorkeeper'),
    expect: 'OWN_ROLE',
  },
  // Repository roles: giving or changing one
  {
    rule: 'a maintainer gives a member an explicit role',
    actor: { org: 'member', repo: 'maintainer' },
    target: { org: 'member' },
    operation: assignRepositoryRole('contributor'),
    expect: 'allowed',
  },
  {
    rule: 'an admin changes a maintainer to a lower role',
    actor: { org: 'admin' },
    target: { org: 'member', repo: 'maintainer' },
    operation: assignRepositoryRole('reader'),
    expect: 'allowed',
  },
  {
    rule: 'a temporary grant of manage_roles does not let its holder give themselves a permanent role',
    actor: { org: 'member', grant: 'manage_roles:repository' },
    target: 'self',
    operation: assignRepositoryRole('gatekeeper'),
    expect: 'OWN_ROLE',
  },
  {
    rule: 'a maintainer cannot change their own repository role',
    actor: { org: 'member', repo: 'maintainer' },
    target: 'self',
    operation: assignRepositoryRole('contributor'),
    expect: 'OWN_ROLE',
  },
  {
    rule: 'a role manager cannot give an organization admin a repository role (admins hold every permission there)',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { org: 'admin' },
    operation: assignRepositoryRole('reader'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager cannot change the role of a maintainer',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { org: 'member', repo: 'maintainer' },
    operation: assignRepositoryRole('reader'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager cannot give a member an explicit role replacing the default role, which holds more',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { org: 'member' },
    operation: assignRepositoryRole('reader'),
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager gives an outsider a role within what they hold',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: {},
    operation: assignRepositoryRole('reader'),
    expect: 'allowed',
  },
  {
    rule: 'a role manager cannot give a role holding what they lack',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: {},
    operation: assignRepositoryRole('contributor'),
    expect: 'PRIVILEGE_ESCALATION',
  },
  // Repository roles: removing one
  {
    rule: 'nobody removes their own explicit role (it would fall back on the default)',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: 'self',
    operation: removeRepositoryRole,
    expect: 'OWN_ROLE',
  },
  {
    rule: "a role manager cannot remove an admin's lower explicit role (it does not lower what an admin holds)",
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { org: 'admin', repo: 'reader' },
    operation: removeRepositoryRole,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: 'a role manager cannot remove the role of a maintainer',
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { org: 'member', repo: 'maintainer' },
    operation: removeRepositoryRole,
    expect: 'TARGET_HOLDS_MORE',
  },
  {
    rule: "a role manager cannot remove a member's lower role when the default it falls back on holds more",
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { org: 'member', repo: 'reader' },
    operation: removeRepositoryRole,
    expect: 'PRIVILEGE_ESCALATION',
  },
  {
    rule: "a role manager removes an outside collaborator's role (no default to fall back on)",
    actor: { org: 'member', repo: 'gatekeeper' },
    target: { repo: 'reader' },
    operation: removeRepositoryRole,
    expect: 'allowed',
  },
  {
    rule: "a maintainer removes a member's lower role, bringing the default back",
    actor: { org: 'member', repo: 'maintainer' },
    target: { org: 'member', repo: 'reader' },
    operation: removeRepositoryRole,
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

/** Runs a mutation as john that must succeed, and returns its data. */
const asJohn = ({ query, variables }: { query: string; variables: Record<string, unknown> }) => api.setup('john', query, variables);

/** Gives `userId` what `holdings` says in the row's organization, as john. */
async function hold(arranged: Omit<Arranged, 'targetId'>, userId: string, holdings: Holdings): Promise<void> {
  const on = { ...arranged, targetId: userId };
  if (holdings.org) await asJohn(request(addMember(holdings.org), on));
  if (holdings.repo) await asJohn(request(assignRepositoryRole(holdings.repo), on));
  if (holdings.grant) {
    const resourceId = holdings.grant.endsWith(':repository') ? arranged.repositoryId : arranged.organizationId;
    await asJohn({
      query: 'mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id } } }',
      variables: { input: { userId, permission: holdings.grant, resourceId, reason: 'Covering for a colleague', expiresAt: inDays(1) } },
    });
  }
}

/** A fresh organization and repository for one row, with the custom roles it names and the actor's and target's holdings. */
async function arrange(row: Row, index: number): Promise<Arranged> {
  const created = await asJohn({
    query: 'mutation($l: String!) { createOrganization(input: {login: $l, name: "Guards"}) { organization { id } } }',
    variables: { l: `guards-${index}` },
  });
  const organizationId = (created.createOrganization as { organization: { id: string } }).organization.id;
  const target = row.target === 'self' ? {} : row.target;
  for (const name of new Set([row.actor.org, row.actor.repo, target.org, target.repo, row.operation.role])) {
    const role = name ? customRoles[name] : undefined;
    if (role)
      await asJohn({
        query: 'mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { role { id } } }',
        variables: { input: { organizationId, name, ...role } },
      });
  }
  const repository = await asJohn({
    query: 'mutation($o: ID!) { createRepository(input: {organizationId: $o, name: "code"}) { repository { id } } }',
    variables: { o: organizationId },
  });
  const repositoryId = (repository.createRepository as { repository: { id: string } }).repository.id;
  const actorId = api.ids.paul ?? '';
  const targetId = row.target === 'self' ? actorId : (api.ids.ringo ?? '');
  await hold({ organizationId, repositoryId }, actorId, row.actor);
  if (row.target !== 'self') await hold({ organizationId, repositoryId }, targetId, row.target);
  return { organizationId, repositoryId, targetId };
}

/** What can change: the target's assignments in the organization and its repository, and the organization's audit log. */
async function snapshot({ organizationId, repositoryId, targetId }: Arranged) {
  const em = api.server.db.em.fork();
  const assignments = await em.execute<{ resource_id: string; role_id: string }[]>(
    'select resource_id, role_id from role_assignments where user_id = ? and resource_id in (?, ?) order by resource_id',
    [targetId, organizationId, repositoryId],
  );
  const [audit] = await em.execute<{ count: string }[]>('select count(*) from audit_log_entries where organization_id = ?', [
    organizationId,
  ]);
  return { assignments, auditEntries: Number(audit?.count ?? 0) };
}

describe('role change guards (actor paul, target ringo, in an organization of its own per row)', () => {
  it.each(rows.map((row, index) => ({ ...row, index })))('$rule: $expect', async (row) => {
    const arranged = await arrange(row, row.index);
    const before = await snapshot(arranged);
    const { query, variables } = request(row.operation, arranged);
    const response = await api.gql('paul', query, variables);
    const after = await snapshot(arranged);
    expectGuardOutcome(response, row.operation.mutation, row.expect, before, after);
  });
});
