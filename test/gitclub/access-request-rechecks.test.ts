import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome } from '../helpers/outcomes.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';
import { inDays } from '../helpers/time.js';

/**
 * Approving an access request re-checks the requester at the moment of the write, and a list or
 * a decision shows a request only to those who can see what it asks about. Each case was
 * reproduced as an attacker would on the code before the one write path: each approval below
 * used to succeed (and the manager's list used to show the hidden repository's request).
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const reasonOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.reason;

async function requestAccess(actor: Persona, permission: string, resource: string): Promise<string> {
  const data = await api.setup(actor, 'mutation($input: RequestAccessInput!) { requestAccess(input: $input) { accessRequest { id } } }', {
    input: { permission, resourceId: api.ids[resource], reason: 'Needed for the release' },
  });
  return (data.requestAccess as { accessRequest: { id: string } }).accessRequest.id;
}

function approve(actor: Persona, requestId: string) {
  return api.gql(actor, 'mutation($input: ApproveAccessRequestInput!) { approveAccessRequest(input: $input) { grant { id } } }', {
    input: { requestId, expiresAt: inDays(30) },
  });
}

function deny(actor: Persona, requestId: string) {
  return api.gql(
    actor,
    'mutation($input: DenyAccessRequestInput!) { denyAccessRequest(input: $input) { accessRequest { resourceName reason } } }',
    {
      input: { requestId, reason: 'Not for your role' },
    },
  );
}

async function requestStatus(requestId: string): Promise<{ status: string; decisionReason: string | null }> {
  const data = await api.setup(
    'john',
    '{ organization(login: "beatles") { accessRequests(status: null, first: 100) { nodes { id status decisionReason } } } }',
  );
  const nodes = (data.organization as { accessRequests: { nodes: { id: string; status: string; decisionReason: string | null }[] } })
    .accessRequests.nodes;
  const found = nodes.find((node) => node.id === requestId);
  if (!found) throw new Error(`request ${requestId} is not in john's list`);
  return found;
}

async function sql(statement: string, params: unknown[] = []) {
  await api.server.db.em.fork().execute(statement, params, 'run');
}

describe('approval re-checks the requester at the moment of the write', () => {
  it('a requester removed from the organization: the request ends with the membership, the approval is refused, no audit log for them', async () => {
    const requestId = await requestAccess('paul', 'read_audit_log:organization', 'beatles');
    await api.setup('john', 'mutation($input: RemoveMemberInput!) { removeMember(input: $input) { organization { id } } }', {
      input: { organizationId: api.ids.beatles, userId: api.ids.paul },
    });
    expect(await requestStatus(requestId)).toEqual({
      id: requestId,
      status: 'DENIED',
      decisionReason: 'The requester is no longer a member of the organization.',
    });
    const approval = await approve('john', requestId);
    expectOutcome(approval, 'approveAccessRequest', 'BAD_USER_INPUT');
    expect(reasonOf(approval)).toBe('ALREADY_DECIDED');
    const auditLog = await api.gql('paul', '{ organization(login: "beatles") { auditLog(first: 1) { totalCount } } }');
    expectOutcome(auditLog, 'organization', 'NOT_FOUND');
  });

  it.each<[string, Persona, string, string, () => Promise<void>, string]>([
    [
      'a requester who can no longer see the resource (their repository role ended)',
      'randall',
      'manage_issues:repository',
      'abbey-road',
      async () => {
        await api.setup(
          'john',
          'mutation($input: RemoveRepositoryRoleInput!) { removeRepositoryRole(input: $input) { repository { id } } }',
          {
            input: { repositoryId: api.ids['abbey-road'], userId: api.ids.randall },
          },
        );
      },
      'REQUESTER_NOT_MEMBER',
    ],
    [
      'a suspended requester (the grant would wait for their reactivation)',
      'bill',
      'read_audit_log:organization',
      'beatles',
      () => sql(`update users set suspended_at = now() where login = 'bill'`),
      'REQUESTER_SUSPENDED',
    ],
    [
      'a requester given the permission since asking (a redundant grant would outlive a demotion)',
      'george',
      'read_code:repository',
      'infra',
      async () => {
        await api.setup(
          'john',
          'mutation($input: AssignRepositoryRoleInput!) { assignRepositoryRole(input: $input) { repository { id } } }',
          {
            input: { repositoryId: api.ids.infra, userId: api.ids.george, role: 'contributor' },
          },
        );
      },
      'ALREADY_HELD',
    ],
  ])('%s (%s asks): the approval is refused, nothing is written', async (_case, requester, permission, resource, meanwhile, reason) => {
    const requestId = await requestAccess(requester, permission, resource);
    await meanwhile();
    const approval = await approve('john', requestId);
    expectOutcome(approval, 'approveAccessRequest', 'BAD_USER_INPUT');
    expect(reasonOf(approval)).toBe(reason);
    expect((await requestStatus(requestId)).status).toBe('PENDING');
    const grants = await api.setup('john', '{ organization(login: "beatles") { grants { user { login } permission } } }');
    expect((grants.organization as { grants: { user: { login: string }; permission: string }[] }).grants).not.toContainEqual({
      user: { login: requester },
      permission,
    });
  });
});

describe('a manager sees requests only on what they can see', () => {
  // sully joins beatles with a custom role that manages members and gives no repository access.
  let onInfra = '';
  let onBeatles = '';
  beforeAll(async () => {
    const created = await api.setup(
      'john',
      'mutation($input: CreateCustomRoleInput!) { createCustomRole(input: $input) { role { name } } }',
      {
        input: {
          organizationId: api.ids.beatles,
          name: 'people-ops',
          resourceType: 'ORGANIZATION',
          permissions: ['manage_members:organization'],
        },
      },
    );
    expect(created.createCustomRole).toEqual({ role: { name: 'people-ops' } });
    await api.setup('john', 'mutation($input: AddMemberInput!) { addMember(input: $input) { membership { role { name } } } }', {
      input: { organizationId: api.ids.beatles, userId: api.ids.sully, role: 'people-ops' },
    });
    onInfra = await requestAccess('ringo', 'manage_issues:repository', 'infra');
    onBeatles = await requestAccess('ringo', 'read_audit_log:organization', 'beatles');
  });

  it.each<[Persona, boolean]>([
    ['john', true],
    ['sully', false],
  ])('%s lists the request on infra: %s; both list the organization-wide one, and the count agrees', async (persona, seesInfra) => {
    const data = await api.setup(
      persona,
      '{ organization(login: "beatles") { accessRequests(first: 100) { totalCount nodes { id resourceName } } } }',
    );
    const list = (data.organization as { accessRequests: { totalCount: number; nodes: { id: string; resourceName: string }[] } })
      .accessRequests;
    const ids = list.nodes.map((node) => node.id);
    expect(ids.includes(onInfra)).toBe(seesInfra);
    expect(ids).toContain(onBeatles);
    expect(list.nodes.some((node) => node.resourceName === 'beatles/infra')).toBe(seesInfra);
    expect(list.totalCount).toBe(list.nodes.length);
  });

  it.each<[string, (persona: Persona, id: string) => Promise<GraphQLResponse>]>([
    ['deny', deny],
    ['approve', approve],
  ])('%s on the hidden request answers NOT_FOUND to sully, as a random id would, naming nothing', async (_name, decide) => {
    const response = await decide('sully', onInfra);
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(response)).not.toContain('infra');
    expect(JSON.stringify(response)).not.toContain('Needed for the release');
    expect((await requestStatus(onInfra)).status).toBe('PENDING');
  });
});
