import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordExpiredGrants } from '../../src/gitclub/access-write/record-expired-grants.js';
import { expectOutcome } from '../helpers/outcomes.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';
import { inDays } from '../helpers/time.js';

/**
 * Exceptions (direct, expiring grants) and the guards around access changes: no escalation, the
 * last admin stays, custom roles are reassigned before deletion, and an audit entry that cannot be
 * written stops the change.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const reasonOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.reason;

function grant(actor: Persona, input: Record<string, unknown>) {
  return api.gql(
    actor,
    'mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id permission grantedBy { login } expiresAt } } }',
    { input },
  );
}

function addMember(actor: Persona, user: string, role: string, organization = 'beatles') {
  return api.gql(
    actor,
    'mutation($o: ID!, $u: ID!, $r: String!) { addMember(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
    {
      o: api.ids[organization],
      u: api.ids[user],
      r: role,
    },
  );
}

function changeRole(actor: Persona, user: string, role: string, organization = 'beatles') {
  return api.gql(
    actor,
    'mutation($o: ID!, $u: ID!, $r: String!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
    {
      o: api.ids[organization],
      u: api.ids[user],
      r: role,
    },
  );
}

function createRole(actor: Persona, name: string, resourceType: string, permissions: string[]) {
  return api.gql(actor, 'mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { role { id name permissions } } }', {
    input: { organizationId: api.ids.beatles, name, resourceType, permissions },
  });
}

describe('grants', () => {
  it('give one permission on one resource, visible to managers with who granted it', async () => {
    expectOutcome(await api.gql('paul', '{ organization(login: "beatles") { billingEmail } }'), 'organization.billingEmail', 'FORBIDDEN');
    const created = await grant('john', {
      userId: api.ids.paul,
      permission: 'read_billing:organization',
      resourceId: api.ids.beatles,
      reason: 'Quarterly audit',
      expiresAt: inDays(7),
    });
    expect(created.errors).toBeUndefined();
    expectOutcome(await api.gql('paul', '{ organization(login: "beatles") { billingEmail } }'), 'organization.billingEmail', 'allowed');
    const listed = await api.gql(
      'john',
      '{ organization(login: "beatles") { grants { permission user { login } grantedBy { login } reason } } }',
    );
    expect((listed.data?.organization as { grants: unknown[] }).grants).toEqual([
      { permission: 'read_billing:organization', user: { login: 'paul' }, grantedBy: { login: 'john' }, reason: 'Quarterly audit' },
    ]);
  });

  it('on a repository, let an outsider see it and nothing else of the organization', async () => {
    expect(
      (
        await grant('john', {
          userId: api.ids.sully,
          permission: 'read_code:repository',
          resourceId: api.ids.infra,
          reason: 'Incident review',
          expiresAt: inDays(1),
        })
      ).errors,
    ).toBeUndefined();
    expectOutcome(await api.gql('sully', '{ repository(owner: "beatles", name: "infra") { readme } }'), 'repository.readme', 'allowed');
    expectOutcome(await api.gql('sully', '{ repository(owner: "beatles", name: "abbey-road") { name } }'), 'repository', 'NOT_FOUND');
    expectOutcome(await api.gql('sully', '{ organization(login: "beatles") { name } }'), 'organization', 'NOT_FOUND');
  });

  it('stop working the moment they expire, with the same token', async () => {
    const created = await grant('john', {
      userId: api.ids.george,
      permission: 'read_code:repository',
      resourceId: api.ids.infra,
      reason: 'Two seconds only',
      expiresAt: new Date(Date.now() + 2500).toISOString(),
    });
    expect(created.errors).toBeUndefined();
    expectOutcome(await api.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }'), 'repository.readme', 'allowed');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expectOutcome(await api.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }'), 'repository.readme', 'FORBIDDEN');
    // The sweep notices the expiry once, and writes it to the audit log.
    expect(await recordExpiredGrants(api.server.db.em.fork())).toBe(1);
    expect(await recordExpiredGrants(api.server.db.em.fork())).toBe(0);
    const log = await api.gql(
      'john',
      '{ organization(login: "beatles") { auditLog(filter: {action: "grant.expired"}) { nodes { targetUser { login } } } } }',
    );
    expect((log.data?.organization as { auditLog: { nodes: unknown[] } }).auditLog.nodes).toEqual([{ targetUser: { login: 'george' } }]);
  });

  it('stop working when revoked', async () => {
    const created = await grant('john', {
      userId: api.ids.randall,
      permission: 'read:repository',
      resourceId: api.ids.infra,
      reason: 'Pairing',
      expiresAt: inDays(1),
    });
    const grantId = (created.data?.grantPermission as { grant: { id: string } }).grant.id;
    expectOutcome(await api.gql('randall', '{ repository(owner: "beatles", name: "infra") { name } }'), 'repository', 'allowed');
    expect(
      (await api.gql('paul', 'mutation($g: ID!) { revokeGrant(input: {grantId: $g}) { grant { id } } }', { g: grantId })).errors?.[0]
        ?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await api.gql('john', 'mutation($g: ID!) { revokeGrant(input: {grantId: $g}) { grant { id } } }', { g: grantId })).errors,
    ).toBeUndefined();
    expectOutcome(await api.gql('randall', '{ repository(owner: "beatles", name: "infra") { name } }'), 'repository', 'NOT_FOUND');
  });

  it.each([
    ['no reason', { reason: '' }, 'BAD_USER_INPUT'],
    ['an expiry in the past', { expiresAt: inDays(-1) }, 'BAD_USER_INPUT'],
    ['an expiry beyond 90 days', { expiresAt: inDays(91) }, 'BAD_USER_INPUT'],
    ['an unknown permission', { permission: 'fly:organization' }, 'BAD_USER_INPUT'],
    ['a resource of another tenant', { resourceId: 'MONSTERS' }, 'NOT_FOUND'],
    ['a random resource id', { resourceId: '0f8fad5b-d9cb-469f-a165-70867728950e' }, 'NOT_FOUND'],
  ])('refuse %s', async (_name, override, code) => {
    const input = {
      userId: api.ids.paul,
      permission: 'read_billing:organization',
      resourceId: api.ids.beatles,
      reason: 'Because',
      expiresAt: inDays(3),
      ...override,
    };
    if (input.resourceId === 'MONSTERS') input.resourceId = api.ids.monsters;
    expect(codeOf(await grant('john', input))).toBe(code);
  });

  it('need manage_members: a member cannot grant', async () => {
    expect(
      codeOf(
        await grant('paul', {
          userId: api.ids.ringo,
          permission: 'read:organization',
          resourceId: api.ids.beatles,
          reason: 'Please',
          expiresAt: inDays(1),
        }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('escalation guards', () => {
  beforeAll(async () => {
    // people-ops manages members but holds no billing or role management.
    expect(
      (await createRole('john', 'people-ops', 'ORGANIZATION', ['read_members:organization', 'manage_members:organization'])).errors,
    ).toBeUndefined();
    expect((await changeRole('john', 'ringo', 'people-ops')).errors).toBeUndefined();
    expect((await createRole('john', 'role-keeper', 'ORGANIZATION', ['manage_roles:organization'])).errors).toBeUndefined();
    expect((await changeRole('john', 'george', 'role-keeper')).errors).toBeUndefined();
  });

  it('a member manager cannot make someone admin', async () => {
    const response = await addMember('ringo', 'nobody', 'admin');
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(reasonOf(response)).toBe('PRIVILEGE_ESCALATION');
  });
  it('a member manager can give a role within what they hold', async () => {
    expect((await addMember('ringo', 'nobody', 'people-ops')).errors).toBeUndefined();
  });
  it('a member manager cannot grant a permission they do not hold', async () => {
    const response = await grant('ringo', {
      userId: api.ids.bill,
      permission: 'manage_roles:organization',
      resourceId: api.ids.beatles,
      reason: 'Cover',
      expiresAt: inDays(1),
    });
    expect(reasonOf(response)).toBe('PRIVILEGE_ESCALATION');
    const escalation = await grant('ringo', {
      userId: api.ids.paul,
      permission: 'read_billing:organization',
      resourceId: api.ids.beatles,
      reason: 'Cover',
      expiresAt: inDays(1),
    });
    expect(reasonOf(escalation)).toBe('PRIVILEGE_ESCALATION');
  });
  it('a role manager cannot define a role holding more than they do', async () => {
    const response = await createRole('george', 'treasurer', 'ORGANIZATION', ['manage_billing:organization']);
    expect(reasonOf(response)).toBe('PRIVILEGE_ESCALATION');
    const repository = await createRole('george', 'pusher', 'REPOSITORY', ['read:repository', 'update:repository']);
    expect(reasonOf(repository)).toBe('PRIVILEGE_ESCALATION');
    expect((await createRole('george', 'role-keeper-2', 'ORGANIZATION', ['manage_roles:organization'])).errors).toBeUndefined();
  });
  it('a maintainer cannot assign a custom role holding permissions outside the repository role they hold', async () => {
    // paul holds only the default contributor role on abbey-road: no manage_roles there at all.
    const response = await api.gql(
      'paul',
      'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "maintainer"}) { repository { id } } }',
      { r: api.ids['abbey-road'], u: api.ids.nobody },
    );
    expect(codeOf(response)).toBe('FORBIDDEN');
  });
});

describe('the last admin', () => {
  it('cannot be demoted, even when two admins demote each other at the same moment', async () => {
    const created = await api.gql('sully', 'mutation { createOrganization(input: {login: "race", name: "Race"}) { organization { id } } }');
    api.ids.race = (created.data?.createOrganization as { organization: { id: string } }).organization.id;
    expect((await addMember('sully', 'mike', 'admin', 'race')).errors).toBeUndefined();
    const results = await Promise.all([changeRole('sully', 'mike', 'member', 'race'), changeRole('mike', 'sully', 'member', 'race')]);
    const succeeded = results.filter((response) => !response.errors);
    // The loser is refused at the guard (LAST_ADMIN) when both passed the permission check before
    // either committed, or at the permission check (FORBIDDEN) when the winner committed first.
    const refused = results.filter((response) => reasonOf(response) === 'LAST_ADMIN' || codeOf(response) === 'FORBIDDEN');
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const [row] = await api.server.db.em
      .fork()
      .execute<{ admins: string }[]>(
        `select count(*) as admins from role_assignments ra join roles r on r.id = ra.role_id where ra.resource_id = ? and r.name = 'admin'`,
        [api.ids.race],
      );
    expect(Number(row?.admins)).toBe(1);
  });
});

describe('deleting a custom role', () => {
  it('that is assigned fails without reassignTo, and moves its holders with it', async () => {
    const roles = await api.gql('john', '{ organization(login: "beatles") { customRoles { id name } } }');
    const peopleOps = (roles.data?.organization as { customRoles: { id: string; name: string }[] }).customRoles.find(
      (role) => role.name === 'people-ops',
    );
    const remove = (reassignTo?: string) =>
      api.gql('john', 'mutation($r: ID!, $to: String) { deleteCustomRole(input: {roleId: $r, reassignTo: $to}) { organization { id } } }', {
        r: peopleOps?.id,
        to: reassignTo,
      });
    expect(reasonOf(await remove())).toBe('ROLE_IN_USE');
    expect(codeOf(await remove('maintainer'))).toBe('BAD_USER_INPUT');
    expect((await remove('member')).errors).toBeUndefined();
    const members = await api.gql(
      'john',
      '{ organization(login: "beatles") { members(first: 50) { nodes { user { login } role { name } } } } }',
    );
    const nodes = (members.data?.organization as { members: { nodes: { user: { login: string }; role: { name: string } }[] } }).members
      .nodes;
    expect(nodes.find((node) => node.user.login === 'ringo')?.role.name).toBe('member');
    expect(nodes.find((node) => node.user.login === 'nobody')?.role.name).toBe('member');
  });

  it('is capped at 20 per organization', async () => {
    const existing = (
      (await api.gql('john', '{ organization(login: "beatles") { customRoles { id } } }')).data?.organization as { customRoles: unknown[] }
    ).customRoles.length;
    for (let index = existing; index < 20; index++)
      expect((await createRole('john', `filler-${index}`, 'REPOSITORY', ['read:repository'])).errors).toBeUndefined();
    expect(reasonOf(await createRole('john', 'one-too-many', 'REPOSITORY', ['read:repository']))).toBe('CUSTOM_ROLE_LIMIT');
  });
});

describe('removing a member', () => {
  it('revokes their direct grants in that organization, each audited: they manage nothing there afterwards', async () => {
    const signedUp = await api.setup(
      'anonymous',
      'mutation { signUp(input: {login: "leaver", name: "Leaver", email: "leaver@gitclub.test", password: "leaver-password"}) { user { id } } }',
    );
    const leaverId = (signedUp.signUp as { user: { id: string } }).user.id;
    const loggedIn = await api.setup(
      'anonymous',
      'mutation { login(input: {email: "leaver@gitclub.test", password: "leaver-password"}) { accessToken } }',
    );
    const asLeaver = (query: string, variables: Record<string, unknown>) =>
      api.send(`Bearer ${(loggedIn.login as { accessToken: string }).accessToken}`, { query, variables });
    const addRandall = () =>
      asLeaver(
        'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
        { o: api.ids.beatles, u: api.ids.randall },
      );
    await api.setup(
      'john',
      'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      { o: api.ids.beatles, u: leaverId },
    );
    expect(
      (
        await grant('john', {
          userId: leaverId,
          permission: 'manage_members:organization',
          resourceId: api.ids.beatles,
          reason: 'Covering onboarding',
          expiresAt: inDays(3),
        })
      ).errors,
    ).toBeUndefined();

    await api.setup(
      'john',
      'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }',
      { o: api.ids.beatles, u: leaverId },
    );

    expect(codeOf(await addRandall())).toBe('NOT_FOUND');
    const listed = await api.setup('john', '{ organization(login: "beatles") { grants { user { login } } } }');
    expect((listed.organization as { grants: { user: { login: string } }[] }).grants.map((held) => held.user.login)).not.toContain(
      'leaver',
    );
    const audit = await api.server.db.em
      .fork()
      .execute<{ action: string; after: { because?: string } | null }[]>(
        `select action, after from audit_log_entries where target_user_id = ? order by created_at, action`,
        [leaverId],
      );
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['grant.created', 'membership.removed', 'grant.revoked']));
    expect(audit.find((entry) => entry.action === 'grant.revoked')?.after?.because).toBe('membership.removed');
  });
});

describe('an audit entry that cannot be written', () => {
  it('stops the change with it', async () => {
    const em = api.server.db.em.fork();
    await em.execute(
      `create function inject_audit_failure() returns trigger language plpgsql as $$ begin raise exception 'injected audit failure'; end; $$`,
    );
    await em.execute(
      'create trigger inject_audit_failure before insert on audit_log_entries for each row execute function inject_audit_failure()',
    );
    try {
      const response = await addMember('john', 'bill', 'member', 'beatles');
      expect(response.errors?.length).toBe(1);
      const response2 = await changeRole('john', 'bill', 'member');
      expect(response2.errors?.length).toBe(1);
      const [membership] = await em.execute<{ name: string }[]>(
        `select r.name from role_assignments ra join roles r on r.id = ra.role_id where ra.user_id = ? and ra.resource_id = ?`,
        [api.ids.bill, api.ids.beatles],
      );
      expect(membership?.name).toBe('billing');
    } finally {
      await em.execute('drop trigger inject_audit_failure on audit_log_entries');
      await em.execute('drop function inject_audit_failure()');
    }
    expect((await changeRole('john', 'bill', 'member')).errors).toBeUndefined();
  });
});
