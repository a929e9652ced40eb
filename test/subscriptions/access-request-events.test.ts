import { describe, expect, it } from 'vitest';
import type { Persona } from '../helpers/test-server.js';
import type { LiveSubscription } from './live-client.js';
import { expectRefused, liveTestServer } from './live-test-server.js';

// accessRequestEvents: requests made and decided, for those who manage members
// (manage_members:organization), refused as the accessRequests field is.

const server = liveTestServer();

const query = 'subscription($o: ID!) { accessRequestEvents(organizationId: $o) { id status permission resourceName requester { login } } }';

const watch = (persona: Persona): Promise<LiveSubscription> => server.watch(persona, query, { o: server.t.ids.beatles });

describe('refused at subscribe time, as the accessRequests field is', () => {
  it.each([
    ['paul', 'FORBIDDEN'],
    ['bill', 'FORBIDDEN'],
    ['randall', 'NOT_FOUND'],
    ['mike', 'NOT_FOUND'],
    ['anonymous', 'UNAUTHENTICATED'],
  ] as [Persona, string][])('%s: %s', async (persona, code) => {
    const subscription = await watch(persona);
    await expectRefused(
      subscription,
      code,
      code === 'FORBIDDEN'
        ? await server.t.gql(persona, '{ organization(login: "beatles") { accessRequests { totalCount } } }')
        : undefined,
    );
  });
});

describe('live requests', () => {
  it('sends john a request as george makes it, and again as john approves it', async () => {
    const subscription = await watch('john');
    const made = await server.t.setup(
      'george',
      'mutation($r: ID!) { requestAccess(input: {permission: "read_code:repository", resourceId: $r, reason: "to debug the CI"}) { accessRequest { id } } }',
      { r: server.t.ids.infra },
    );
    const requestId = (made.requestAccess as { accessRequest: { id: string } }).accessRequest.id;
    expect((await subscription.next()).data).toEqual({
      accessRequestEvents: {
        id: requestId,
        status: 'PENDING',
        permission: 'read_code:repository',
        resourceName: 'beatles/infra',
        requester: { login: 'george' },
      },
    });
    await server.t.setup(
      'john',
      'mutation($i: ID!, $e: String!) { approveAccessRequest(input: {requestId: $i, expiresAt: $e}) { accessRequest { id } } }',
      {
        i: requestId,
        e: new Date(Date.now() + 86_400_000).toISOString(),
      },
    );
    expect((await subscription.next()).data).toMatchObject({ accessRequestEvents: { id: requestId, status: 'APPROVED' } });
  });
});
