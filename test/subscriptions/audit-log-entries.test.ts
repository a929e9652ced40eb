import { describe, expect, it } from 'vitest';
import type { Persona } from '../helpers/test-server.js';
import type { LiveSubscription } from './live-client.js';
import { expectRefused, liveTestServer } from './live-test-server.js';

// auditLogEntries: the live audit log for those who may read it (read_audit_log:organization),
// refused as the auditLog query field is, and ended when the reader loses the permission.

const server = liveTestServer();

const query = 'subscription($o: ID!) { auditLogEntries(organizationId: $o) { action actor { login } targetUser { login } after } }';
const logQuery = '{ organization(login: "beatles") { auditLog(first: 1) { totalCount } } }';

const watch = (persona: Persona): Promise<LiveSubscription> => server.watch(persona, query, { o: server.t.ids.beatles });

const changeRole = (user: string, role: string) =>
  server.t.setup(
    'john',
    'mutation($o: ID!, $u: ID!, $r: String!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
    {
      o: server.t.ids.beatles,
      u: server.t.ids[user],
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
    await expectRefused(subscription, code, code === 'FORBIDDEN' ? await server.t.gql(persona, logQuery) : undefined);
  });
});

describe('live entries', () => {
  it('sends john (admin) each entry as its change commits', async () => {
    const subscription = await watch('john');
    await changeRole('bill', 'member');
    const result = await subscription.next();
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
    const result = await subscription.next();
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['auditLogEntries'], 'FORBIDDEN']]);
    expect(await subscription.ended).toEqual({ complete: true });
    await changeRole('bill', 'billing');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toHaveLength(1);
  });
});
