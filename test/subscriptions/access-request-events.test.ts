import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';
import { connectLive, type LiveClient, type LiveSubscription } from './live-client.js';

// accessRequestEvents: requests made and decided, for those who manage members
// (manage_members:organization), refused as the accessRequests field is.

let t: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await t?.stop();
});

const query = 'subscription($o: ID!) { accessRequestEvents(organizationId: $o) { id status permission resourceName requester { login } } }';

async function watch(persona: Persona): Promise<LiveSubscription> {
  const client = await connectLive(t.server.url, persona === 'anonymous' ? undefined : await t.tokenOf(persona));
  clients.push(client);
  const subscription = client.subscribe(query, { o: t.ids.beatles });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return subscription;
}

describe('refused at subscribe time, as the accessRequests field is', () => {
  it.each([
    ['paul', 'FORBIDDEN'],
    ['bill', 'FORBIDDEN'],
    ['randall', 'NOT_FOUND'],
    ['mike', 'NOT_FOUND'],
    ['anonymous', 'UNAUTHENTICATED'],
  ] as [Persona, string][])('%s: %s', async (persona, code) => {
    const subscription = await watch(persona);
    const result = await subscription.next();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(await subscription.ended).toEqual({ complete: true });
    if (code === 'FORBIDDEN') {
      const asQuery = await t.gql(persona, '{ organization(login: "beatles") { accessRequests { totalCount } } }');
      expect({ message: result.errors?.[0]?.message, extensions: result.errors?.[0]?.extensions }).toEqual({
        message: asQuery.errors?.[0]?.message,
        extensions: asQuery.errors?.[0]?.extensions,
      });
    }
  });
});

describe('live requests', () => {
  it('sends john a request as george makes it, and again as john approves it', async () => {
    const subscription = await watch('john');
    const made = await t.setup(
      'george',
      'mutation($r: ID!) { requestAccess(input: {permission: "read_code:repository", resourceId: $r, reason: "to debug the CI"}) { accessRequest { id } } }',
      { r: t.ids.infra },
    );
    const requestId = (made.requestAccess as { accessRequest: { id: string } }).accessRequest.id;
    expect((await subscription.next(1000)).data).toEqual({
      accessRequestEvents: {
        id: requestId,
        status: 'PENDING',
        permission: 'read_code:repository',
        resourceName: 'beatles/infra',
        requester: { login: 'george' },
      },
    });
    await t.setup(
      'john',
      'mutation($i: ID!, $e: String!) { approveAccessRequest(input: {requestId: $i, expiresAt: $e}) { accessRequest { id } } }',
      {
        i: requestId,
        e: new Date(Date.now() + 86_400_000).toISOString(),
      },
    );
    expect((await subscription.next(1000)).data).toMatchObject({ accessRequestEvents: { id: requestId, status: 'APPROVED' } });
  });
});
