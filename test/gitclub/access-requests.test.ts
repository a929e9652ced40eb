import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPendingAccessRequests } from '../../src/gitclub/guards/pending-request-limit-guard.js';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';
import { inDays } from '../helpers/time.js';

/**
 * Access requests: anyone asks for a permission on what they can see; those who manage members
 * there approve (a grant, under every grant rule) or deny; one pending request per user,
 * permission and resource; everything in the audit log, in the same transaction.
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

const requestFields = 'id permission resourceType resourceName reason status requester { login } decidedBy { login } decisionReason';

function requestAccess(actor: Persona, permission: string, resource: string, reason = 'I am on call for the deploy pipeline') {
  return api.gql(actor, `mutation($input: RequestAccessInput!) { requestAccess(input: $input) { accessRequest { ${requestFields} } } }`, {
    input: { permission, resourceId: api.ids[resource] ?? resource, reason },
  });
}

function approve(actor: Persona, requestId: string, expiresAt = inDays(7)) {
  return api.gql(
    actor,
    `mutation($input: ApproveAccessRequestInput!) { approveAccessRequest(input: $input) { accessRequest { ${requestFields} } grant { permission expiresAt user { login } grantedBy { login } } } }`,
    { input: { requestId, expiresAt } },
  );
}

function deny(actor: Persona, requestId: string, reason = 'Not needed for your role') {
  return api.gql(
    actor,
    `mutation($input: DenyAccessRequestInput!) { denyAccessRequest(input: $input) { accessRequest { ${requestFields} } } }`,
    { input: { requestId, reason } },
  );
}

const requestIdOf = (response: GraphQLResponse) =>
  (response.data?.requestAccess as { accessRequest: { id: string } } | null)?.accessRequest.id ?? '';

async function auditActionsFor(requestId: string): Promise<string[]> {
  const data = await api.setup('john', '{ organization(login: "beatles") { auditLog(first: 50) { nodes { action after } } } }');
  const nodes = (data.organization as { auditLog: { nodes: { action: string; after: string | null }[] } }).auditLog.nodes;
  return nodes.filter((entry) => entry.after?.includes(requestId)).map((entry) => entry.action);
}

describe('requestAccess: read_code on infra, by persona', () => {
  it.each<[Persona, Outcome, string?]>([
    ['anonymous', 'UNAUTHENTICATED'],
    // ci-cd on infra: sees it, cannot read its code.
    ['george', 'allowed'],
    // Strangers to infra (another organization, no organization, a collaborator on abbey-road only): it does not exist for them.
    ['mike', 'NOT_FOUND'],
    ['nobody', 'NOT_FOUND'],
    ['randall', 'NOT_FOUND'],
    // They read infra's code already.
    ['john', 'BAD_USER_INPUT', 'ALREADY_HELD'],
    ['paul', 'BAD_USER_INPUT', 'ALREADY_HELD'],
  ])('%s: %s', async (persona, outcome, reason) => {
    const response = await requestAccess(persona, 'read_code:repository', 'infra');
    expectOutcome(response, 'requestAccess', outcome);
    if (reason) expect(reasonOf(response)).toBe(reason);
    if (outcome === 'allowed') {
      expect((response.data?.requestAccess as { accessRequest: unknown }).accessRequest).toMatchObject({
        permission: 'read_code:repository',
        resourceType: 'REPOSITORY',
        resourceName: 'beatles/infra',
        status: 'PENDING',
        requester: { login: 'george' },
        decidedBy: null,
      });
    }
  });

  it('answers a hidden resource exactly as a missing one', async () => {
    const hidden = await requestAccess('mike', 'read_code:repository', 'infra');
    const missing = await requestAccess('mike', 'read_code:repository', randomUUID());
    expect(hidden.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual(
      missing.errors?.map(({ message, extensions }) => ({ message, extensions })),
    );
  });

  it.each([
    ['an unknown permission', 'read_cod:repository', 'infra', 'input.permission'],
    ['a permission on users', 'read_email:user', 'george', 'input.permission'],
    ['a malformed id', 'read_code:repository', 'not-an-id', 'input.resourceId'],
  ])('refuses %s before looking anything up', async (_case, permission, resource, argument) => {
    const response = await requestAccess('george', permission, resource);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.argument).toBe(argument);
  });

  it.each([
    ['too short', 'no'],
    ['too long', 'x'.repeat(501)],
  ])('refuses a reason %s', async (_case, reason) => {
    const response = await requestAccess('george', 'update:repository', 'infra', reason);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('keeps one pending request per user, permission and resource, also when identical requests race', async () => {
    const racing = await Promise.all(Array.from({ length: 5 }, () => requestAccess('ringo', 'manage_members:organization', 'beatles')));
    expect(racing.filter((response) => !response.errors).length).toBe(1);
    for (const refused of racing.filter((response) => response.errors)) expect(reasonOf(refused)).toBe('ALREADY_EXISTS');
    const own = await api.setup('ringo', `{ viewer { accessRequests(status: PENDING) { totalCount nodes { permission resourceName } } } }`);
    expect(own.viewer).toEqual({
      accessRequests: { totalCount: 1, nodes: [{ permission: 'manage_members:organization', resourceName: 'beatles' }] },
    });
  });

  it(`caps pending requests at ${maxPendingAccessRequests} per user and organization`, async () => {
    const em = api.server.db.em.fork();
    for (let index = 0; index < maxPendingAccessRequests; index++) {
      await em.execute(
        `insert into access_requests (id, requester_id, permission, resource_type, resource_id, resource_name, organization_id, reason, status, created_at)
         values (?, ?, 'read:issue', 'issue', ?, 'filler', ?, 'filler', 'pending', now())`,
        [randomUUID(), api.ids.sully, randomUUID(), api.ids.monsters],
      );
    }
    const response = await requestAccess('sully', 'read_billing:organization', 'monsters');
    expect(reasonOf(response)).toBe('PENDING_REQUEST_LIMIT');
    // Another organization has its own allowance: sully is in monsters only, so this is about the cap's scope, not access.
    const pending = await api.setup('sully', '{ viewer { accessRequests(status: PENDING) { totalCount } } }');
    expect(pending.viewer).toEqual({ accessRequests: { totalCount: maxPendingAccessRequests } });
  });
});

describe('approveAccessRequest and denyAccessRequest, by persona', () => {
  it.each<[Persona, Outcome, string?]>([
    ['anonymous', 'UNAUTHENTICATED'],
    // Who cannot manage beatles' members: the request does not exist for them, the requester included.
    ['george', 'NOT_FOUND'],
    ['paul', 'NOT_FOUND'],
    ['ringo', 'NOT_FOUND'],
    ['mike', 'NOT_FOUND'],
    ['randall', 'NOT_FOUND'],
    ['john', 'allowed'],
  ])('approve as %s: %s', async (persona, outcome) => {
    const requestId = requestIdOf(await requestAccess('george', 'read_code:repository', 'infra'));
    try {
      const response = await approve(persona, requestId);
      expectOutcome(response, 'approveAccessRequest', outcome);
      if (outcome === 'allowed') {
        expect(response.data?.approveAccessRequest).toMatchObject({
          accessRequest: { status: 'APPROVED', decidedBy: { login: 'john' } },
          grant: { permission: 'read_code:repository', user: { login: 'george' }, grantedBy: { login: 'john' } },
        });
        expectOutcome(
          await api.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }'),
          'repository.readme',
          'allowed',
        );
        expect(await auditActionsFor(requestId)).toEqual(['access_request.approved', 'grant.created', 'access_request.created']);
      }
    } finally {
      // Back to the demo state: no pending request, no grant.
      const em = api.server.db.em.fork();
      await em.execute('delete from access_requests where requester_id = ?', [api.ids.george]);
      await em.execute('update permission_grants set revoked_at = now() where user_id = ?', [api.ids.george]);
    }
  });

  it('deny as john: the requester sees the decision and its reason, and nothing is granted', async () => {
    const requestId = requestIdOf(await requestAccess('george', 'read_code:repository', 'infra'));
    const denied = await deny('john', requestId, 'The pipeline does not need the code');
    expect((denied.data?.denyAccessRequest as { accessRequest: unknown }).accessRequest).toMatchObject({
      status: 'DENIED',
      decidedBy: { login: 'john' },
      decisionReason: 'The pipeline does not need the code',
    });
    expectOutcome(await api.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }'), 'repository.readme', 'FORBIDDEN');
    const own = await api.setup('george', '{ viewer { accessRequests { nodes { id status decisionReason grant { id } } } } }');
    expect((own.viewer as { accessRequests: { nodes: unknown[] } }).accessRequests.nodes).toContainEqual({
      id: requestId,
      status: 'DENIED',
      decisionReason: 'The pipeline does not need the code',
      grant: null,
    });
    expect(await auditActionsFor(requestId)).toEqual(['access_request.denied', 'access_request.created']);
    // Denied, it no longer blocks asking again.
    expect((await requestAccess('george', 'read_code:repository', 'infra')).errors).toBeUndefined();
  });

  it.each<[string, string, (requestId: string) => Promise<GraphQLResponse>, string]>([
    ['approving twice', 'infra', (id) => approve('john', id), 'ALREADY_DECIDED'],
    ['denying an approved request', 'abbey-road', (id) => deny('john', id), 'ALREADY_DECIDED'],
  ])('refuses %s', async (_case, repository, second, reason) => {
    const requestId = requestIdOf(await requestAccess('paul', 'update:repository', repository));
    expect((await approve('john', requestId)).errors).toBeUndefined();
    const response = await second(requestId);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(reasonOf(response)).toBe(reason);
  });

  it('lets exactly one of two racing decisions land (an approval and a denial), with one audit entry', async () => {
    const requestId = requestIdOf(await requestAccess('paul', 'manage_issues:repository', 'abbey-road'));
    const [approved, denied] = await Promise.all([approve('john', requestId), deny('john', requestId)]);
    expect([approved, denied].filter((response) => !response.errors).length).toBe(1);
    const decisions = (await auditActionsFor(requestId)).filter((action) => action !== 'access_request.created');
    expect(decisions.filter((action) => action.startsWith('access_request.')).length).toBe(1);
  });

  it('holds every grant rule: the approver must hold the permission, not approve their own, within GRANT_MAX_DAYS', async () => {
    // ringo manages beatles' members through a grant, and is a contributor on infra (no update there).
    await api.setup('john', 'mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id } } }', {
      input: {
        userId: api.ids.ringo,
        permission: 'manage_members:organization',
        resourceId: api.ids.beatles,
        reason: 'Covering for john',
        expiresAt: inDays(3),
      },
    });
    const forUpdate = requestIdOf(await requestAccess('george', 'update:repository', 'infra'));
    const escalation = await approve('ringo', forUpdate);
    expect(codeOf(escalation)).toBe('FORBIDDEN');
    expect(reasonOf(escalation)).toBe('PRIVILEGE_ESCALATION');
    const own = requestIdOf(await requestAccess('ringo', 'read_billing:organization', 'beatles'));
    expect(reasonOf(await approve('ringo', own))).toBe('OWN_ROLE');
    const tooLong = await approve('john', forUpdate, inDays(400));
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors?.[0]?.extensions?.argument).toBe('input.expiresAt');
    // None of these refusals decided anything.
    const pending = await api.setup('john', '{ organization(login: "beatles") { accessRequests { nodes { id } } } }');
    const pendingIds = (pending.organization as { accessRequests: { nodes: { id: string }[] } }).accessRequests.nodes.map(
      (node) => node.id,
    );
    expect(pendingIds).toEqual(expect.arrayContaining([forUpdate, own]));
  });
});

describe('who sees which requests', () => {
  it.each<[Persona, Outcome]>([
    ['john', 'allowed'],
    ['paul', 'FORBIDDEN'],
    ['george', 'FORBIDDEN'],
    ['mike', 'NOT_FOUND'],
  ])('Organization.accessRequests as %s: %s', async (persona, outcome) => {
    expectOutcome(
      await api.gql(persona, '{ organization(login: "beatles") { accessRequests { totalCount } } }'),
      outcome === 'NOT_FOUND' ? 'organization' : 'organization.accessRequests',
      outcome,
    );
  });

  it("shows a user's requests to that user only", async () => {
    await requestAccess('george', 'manage_members:organization', 'beatles');
    const others = await api.setup('john', '{ user(login: "george") { accessRequests { totalCount nodes { id } } } }');
    expect(others.user).toEqual({ accessRequests: { totalCount: 0, nodes: [] } });
  });

  it('lists newest first, PENDING by default, in pages', async () => {
    const first = await api.setup(
      'john',
      '{ organization(login: "beatles") { accessRequests(first: 1) { nodes { status createdAt } pageInfo { hasNextPage endCursor } totalCount } } }',
    );
    const connection = (
      first.organization as {
        accessRequests: {
          nodes: { status: string; createdAt: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
          totalCount: number;
        };
      }
    ).accessRequests;
    expect(connection.nodes.map((node) => node.status)).toEqual(['PENDING']);
    expect(connection.totalCount).toBeGreaterThan(1);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    const next = await api.setup(
      'john',
      'query($after: String) { organization(login: "beatles") { accessRequests(first: 1, after: $after) { nodes { createdAt } } } }',
      {
        after: connection.pageInfo.endCursor,
      },
    );
    const [following] = (next.organization as { accessRequests: { nodes: { createdAt: string }[] } }).accessRequests.nodes;
    expect(following!.createdAt <= connection.nodes[0]!.createdAt).toBe(true);
  });
});
