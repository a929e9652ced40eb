import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Changes to access, in order: each step is a mutation by one persona, then checks of what
 * personas can do afterwards. Every change writes one audit entry in the same transaction; a
 * refused change writes nothing. Tokens are not re-issued between steps: organizations absent
 * from a token are read from the database, so gained access shows on the next request.
 */
interface Check {
  readonly persona: Persona;
  readonly query: string;
  readonly path: string;
  readonly outcome: Outcome;
}

interface Step {
  readonly name: string;
  readonly actor: Persona;
  readonly mutation: (ids: Record<string, string>) => { query: string; variables?: Record<string, unknown> };
  /** The error code expected, or undefined for success. */
  readonly refusedWith?: string;
  /** The audit action this step records (organization beatles or monsters). */
  readonly audits?: string;
  readonly then?: readonly Check[];
}

const readBeatles = '{ organization(login: "beatles") { name } }';
const readBilling = '{ organization(login: "beatles") { billingEmail } }';
const readAbbeyRoad = '{ repository(owner: "beatles", name: "abbey-road") { name } }';
const updateInfra = (description: string) =>
  `mutation { updateRepository(input: {repositoryId: "$INFRA", description: "${description}"}) { repository { description } } }`;
const readInfraCode = '{ repository(owner: "beatles", name: "infra") { readme } }';

const steps: Step[] = [
  {
    name: 'an admin adds a user as member',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "member"}) { membership { role { name } user { login } } } }',
      variables: { o: ids.beatles, u: ids.nobody },
    }),
    audits: 'membership.added',
    then: [
      { persona: 'nobody', query: readBeatles, path: 'organization', outcome: 'allowed' },
      { persona: 'nobody', query: readAbbeyRoad, path: 'repository', outcome: 'allowed' },
    ],
  },
  {
    name: 'a member cannot add members',
    actor: 'paul',
    mutation: (ids) => ({
      query:
        'mutation($o: ID!, $u: ID!) { addMember(input: {organizationId: $o, userId: $u, role: "admin"}) { membership { role { name } } } }',
      variables: { o: ids.beatles, u: ids.sully },
    }),
    refusedWith: 'FORBIDDEN',
  },
  {
    name: 'an admin changes a member to billing',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      variables: { o: ids.beatles, u: ids.nobody },
    }),
    audits: 'membership.changed',
    then: [{ persona: 'nobody', query: readBilling, path: 'organization.billingEmail', outcome: 'allowed' }],
  },
  {
    name: 'nobody changes their own role',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "member"}) { membership { role { name } } } }',
      variables: { o: ids.beatles, u: ids.john },
    }),
    refusedWith: 'FORBIDDEN',
  },
  {
    name: 'the last admin cannot leave',
    actor: 'mike',
    mutation: (ids) => ({
      query: 'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }',
      variables: { o: ids.monsters, u: ids.mike },
    }),
    refusedWith: 'BAD_USER_INPUT',
  },
  {
    name: 'setting the default repository role to none removes default access',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($o: ID!) { updateOrganization(input: {organizationId: $o, defaultRepositoryRole: null}) { organization { defaultRepositoryRole } } }',
      variables: { o: ids.beatles },
    }),
    audits: 'organization.default_repository_role_changed',
    then: [
      { persona: 'paul', query: readAbbeyRoad, path: 'repository', outcome: 'NOT_FOUND' },
      { persona: 'paul', query: readBeatles, path: 'organization', outcome: 'allowed' },
      { persona: 'ringo', query: readAbbeyRoad, path: 'repository', outcome: 'allowed' },
      { persona: 'randall', query: readAbbeyRoad, path: 'repository', outcome: 'allowed' },
    ],
  },
  {
    name: 'a default of maintainer lets members update every repository',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($o: ID!) { updateOrganization(input: {organizationId: $o, defaultRepositoryRole: "maintainer"}) { organization { defaultRepositoryRole } } }',
      variables: { o: ids.beatles },
    }),
    audits: 'organization.default_repository_role_changed',
    then: [
      { persona: 'paul', query: updateInfra('by paul'), path: 'updateRepository', outcome: 'allowed' },
      { persona: 'george', query: updateInfra('by george'), path: 'updateRepository', outcome: 'FORBIDDEN' },
    ],
  },
  {
    name: 'a custom role in use cannot be deleted',
    actor: 'john',
    mutation: (ids) => ({
      query: 'mutation($r: ID!) { deleteCustomRole(input: {roleId: $r}) { organization { id } } }',
      variables: { r: ids['role:ci-cd'] },
    }),
    refusedWith: 'BAD_USER_INPUT',
  },
  {
    name: 'a member cannot edit a custom role',
    actor: 'paul',
    mutation: (ids) => ({
      query: 'mutation($r: ID!) { updateCustomRole(input: {roleId: $r, permissions: ["read:repository"]}) { role { id } } }',
      variables: { r: ids['role:ci-cd'] },
    }),
    refusedWith: 'FORBIDDEN',
  },
  {
    name: "another tenant's custom role is invisible",
    actor: 'mike',
    mutation: (ids) => ({
      query: 'mutation($r: ID!) { updateCustomRole(input: {roleId: $r, permissions: ["read:repository"]}) { role { id } } }',
      variables: { r: ids['role:ci-cd'] },
    }),
    refusedWith: 'NOT_FOUND',
  },
  {
    name: 'editing a custom role changes what its holders can do',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($r: ID!) { updateCustomRole(input: {roleId: $r, permissions: ["read:repository", "read_code:repository", "trigger_workflow:repository", "manage_issues:repository"]}) { role { permissions } } }',
      variables: { r: ids['role:ci-cd'] },
    }),
    audits: 'custom_role.updated',
    then: [{ persona: 'george', query: readInfraCode, path: 'repository.readme', outcome: 'allowed' }],
  },
  {
    name: 'an explicit role replaces the default, even a lower one',
    actor: 'john',
    mutation: (ids) => ({
      query:
        'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "contributor"}) { repository { collaborators { user { login } role { name } } } } }',
      variables: { r: ids.infra, u: ids.paul },
    }),
    audits: 'repository_role.assigned',
    then: [
      { persona: 'paul', query: updateInfra('by paul again'), path: 'updateRepository', outcome: 'FORBIDDEN' },
      { persona: 'paul', query: readInfraCode, path: 'repository.readme', outcome: 'allowed' },
    ],
  },
  {
    name: 'removing the explicit role brings the default back',
    actor: 'john',
    mutation: (ids) => ({
      query: 'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
      variables: { r: ids.infra, u: ids.paul },
    }),
    audits: 'repository_role.removed',
    then: [{ persona: 'paul', query: updateInfra('by paul, maintainer again'), path: 'updateRepository', outcome: 'allowed' }],
  },
  {
    name: 'a maintainer invites an outside collaborator on their repository',
    actor: 'ringo',
    mutation: (ids) => ({
      query:
        'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "contributor"}) { repository { id } } }',
      variables: { r: ids['abbey-road'], u: ids.sully },
    }),
    audits: 'repository_role.assigned',
    then: [
      { persona: 'sully', query: readAbbeyRoad, path: 'repository', outcome: 'allowed' },
      { persona: 'sully', query: readBeatles, path: 'organization', outcome: 'NOT_FOUND' },
      { persona: 'sully', query: '{ repository(owner: "beatles", name: "infra") { name } }', path: 'repository', outcome: 'NOT_FOUND' },
    ],
  },
  {
    name: 'a custom role without manage_roles cannot assign roles',
    actor: 'george',
    mutation: (ids) => ({
      query:
        'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "maintainer"}) { repository { id } } }',
      variables: { r: ids.infra, u: ids.sully },
    }),
    refusedWith: 'FORBIDDEN',
  },
  {
    name: 'deleting a repository ends every role on it',
    actor: 'ringo',
    mutation: (ids) => ({
      query: 'mutation($r: ID!) { deleteRepository(input: {repositoryId: $r}) { organization { login } } }',
      variables: { r: ids['abbey-road'] },
    }),
    audits: 'repository.deleted',
    then: [
      { persona: 'sully', query: readAbbeyRoad, path: 'repository', outcome: 'NOT_FOUND' },
      { persona: 'john', query: readAbbeyRoad, path: 'repository', outcome: 'NOT_FOUND' },
    ],
  },
  {
    name: "a removed member's earlier token no longer grants the organization",
    actor: 'john',
    mutation: (ids) => ({
      query: 'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }',
      variables: { o: ids.beatles, u: ids.paul },
    }),
    audits: 'membership.removed',
    then: [
      { persona: 'paul', query: readBeatles, path: 'organization', outcome: 'NOT_FOUND' },
      { persona: 'paul', query: readInfraCode, path: 'repository', outcome: 'NOT_FOUND' },
    ],
  },
  {
    name: 'a user creates an organization and becomes its admin',
    actor: 'sully',
    mutation: () => ({
      query:
        'mutation { createOrganization(input: {login: "pixar", name: "Pixar"}) { organization { login viewerRole { name } viewerPermissions } } }',
    }),
    audits: 'membership.added',
    then: [
      {
        persona: 'sully',
        query: '{ organization(login: "pixar") { billingEmail members { totalCount } } }',
        path: 'organization.members',
        outcome: 'allowed',
      },
    ],
  },
];

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

async function auditCount(): Promise<number> {
  const [row] = await api.server.db.em.fork().execute<{ count: string }[]>('select count(*) from audit_log_entries');
  return Number(row?.count ?? 0);
}

async function latestAuditAction(): Promise<string | undefined> {
  const [row] = await api.server.db.em
    .fork()
    .execute<{ action: string }[]>('select action from audit_log_entries order by created_at desc limit 1');
  return row?.action;
}

describe('access changes, step by step', () => {
  it.each(steps)('$name', async (step) => {
    const before = await auditCount();
    const { query, variables } = step.mutation(api.ids);
    const response = await api.gql(step.actor, query, variables);
    if (step.refusedWith) {
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual([step.refusedWith]);
      expect(await auditCount()).toBe(before);
    } else {
      expect(response.errors).toBeUndefined();
      expect(await auditCount()).toBe(before + 1);
      expect(await latestAuditAction()).toBe(step.audits);
    }
    for (const check of step.then ?? []) {
      const checkQuery = check.query.replace('$INFRA', api.ids.infra ?? '');
      expectOutcome(await api.gql(check.persona, checkQuery), check.path, check.outcome);
    }
  });

  it('shows the audit log, newest first, to admins', async () => {
    const response = await api.gql(
      'john',
      '{ organization(login: "beatles") { auditLog(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { action actor { login } targetUser { login } before after } } } }',
    );
    const log = (
      response.data?.organization as {
        auditLog: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: { action: string; actor: { login: string } }[];
        };
      }
    ).auditLog;
    expect(log.nodes.map((node) => node.action)).toEqual(['membership.removed', 'repository.deleted']);
    expect(log.nodes[1]?.actor.login).toBe('ringo');
    expect(log.pageInfo.hasNextPage).toBe(true);
    const next = await api.gql(
      'john',
      `{ organization(login: "beatles") { auditLog(first: 1, after: "${log.pageInfo.endCursor}") { nodes { action } } } }`,
    );
    expect((next.data?.organization as { auditLog: { nodes: { action: string }[] } }).auditLog.nodes.map((node) => node.action)).toEqual([
      'repository_role.assigned',
    ]);
  });

  it('refuses UPDATE and DELETE on the audit log in the database itself', async () => {
    const em = api.server.db.em.fork();
    await expect(em.execute("update audit_log_entries set action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from audit_log_entries')).rejects.toThrow(/append-only/);
  });
});
