import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';
import { connectLive, type LiveClient, type LiveSubscription } from './live-client.js';

// auditLogEntries: the live audit log for those who may read it (read_audit_log:organization),
// refused as the auditLog query field is, and ended when the reader loses the permission.

let t: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await t?.stop();
});

const query = 'subscription($o: ID!) { auditLogEntries(organizationId: $o) { action actor { login } targetUser { login } after } }';
const logQuery = '{ organization(login: "beatles") { auditLog(first: 1) { totalCount } } }';

async function watch(persona: Persona): Promise<LiveSubscription> {
  const client = await connectLive(t.server.url, persona === 'anonymous' ? undefined : await t.tokenOf(persona));
  clients.push(client);
  const subscription = client.subscribe(query, { o: t.ids.beatles });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return subscription;
}

const changeRole = (user: string, role: string) =>
  t.setup(
    'john',
    'mutation($o: ID!, $u: ID!, $r: String!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
    {
      o: t.ids.beatles,
      u: t.ids[user],
      r: role,
    },
  );

describe('refused at subscribe time, as the auditLog field is', () => {
  it.each([
    ['paul', 'FORBIDDEN'], // member: sees beatles, may not read its audit log
    ['bill', 'FORBIDDEN'], // billing
    ['randall', 'NOT_FOUND'], // outside collaborator: beatles is out of sight
    ['mike', 'NOT_FOUND'],
    ['anonymous', 'UNAUTHENTICATED'],
  ] as [Persona, string][])('%s: %s', async (persona, code) => {
    const subscription = await watch(persona);
    const result = await subscription.next();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(await subscription.ended).toEqual({ complete: true });
    if (code === 'FORBIDDEN') {
      // The same sentence and extensions as the query field's refusal.
      const asQuery = await t.gql(persona, logQuery);
      expect({ message: result.errors?.[0]?.message, extensions: result.errors?.[0]?.extensions }).toEqual({
        message: asQuery.errors?.[0]?.message,
        extensions: asQuery.errors?.[0]?.extensions,
      });
    }
  });
});

describe('live entries', () => {
  it('sends john (admin) each entry as its change commits', async () => {
    const subscription = await watch('john');
    await changeRole('bill', 'member');
    const result = await subscription.next(1000);
    expect(result.errors).toBeUndefined();
    expect(result.data?.auditLogEntries).toMatchObject({
      action: 'membership.changed',
      actor: { login: 'john' },
      targetUser: { login: 'bill' },
    });
  });

  it('ends with FORBIDDEN for a reader demoted from admin, and sends nothing after', async () => {
    await changeRole('ringo', 'admin');
    const subscription = await watch('ringo');
    await changeRole('ringo', 'member');
    const result = await subscription.next(1000);
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['auditLogEntries'], 'FORBIDDEN']]);
    expect(await subscription.ended).toEqual({ complete: true });
    await changeRole('bill', 'billing');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toHaveLength(1);
  });
});
