import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';
import { connectLive, type LiveClient, type LiveSubscription } from './live-client.js';

// viewerAccessChanged: the viewer's permissions on a resource after each change to their access,
// refused (NOT_FOUND, byte for byte as a query) on what they cannot see, ended when they lose sight of it.

let t: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await t?.stop();
});

const query = 'subscription($id: ID!) { viewerAccessChanged(resourceId: $id) { resourceId resourceType permissions } }';

async function watch(persona: Persona, resource: string): Promise<LiveSubscription> {
  const client = await connectLive(t.server.url, persona === 'anonymous' ? undefined : await t.tokenOf(persona));
  clients.push(client);
  const subscription = client.subscribe(query, { id: t.ids[resource] ?? resource });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return subscription;
}

const repositoryRole = (role: string | null, user: string) =>
  role
    ? t.setup(
        'john',
        'mutation($r: ID!, $u: ID!, $role: String!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: $role}) { repository { id } } }',
        {
          r: t.ids['abbey-road'],
          u: t.ids[user],
          role,
        },
      )
    : t.setup('john', 'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }', {
        r: t.ids['abbey-road'],
        u: t.ids[user],
      });

describe('refused at subscribe time', () => {
  it.each([
    ['mike', 'abbey-road', 'NOT_FOUND'], // another organization's admin
    ['randall', 'infra', 'NOT_FOUND'], // outside collaborator elsewhere in beatles
    ['randall', 'beatles', 'NOT_FOUND'], // ... and not a member of the organization
    ['bill', 'abbey-road', 'NOT_FOUND'], // billing: no default repository role
    ['john', randomUUID(), 'NOT_FOUND'], // nothing has that id
    ['john', 'not-an-id', 'BAD_USER_INPUT'],
    ['anonymous', 'abbey-road', 'UNAUTHENTICATED'],
  ] as [Persona, string, string][])('%s on %s: %s', async (persona, resource, code) => {
    const subscription = await watch(persona, resource);
    const result = await subscription.next();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(await subscription.ended).toEqual({ complete: true });
    if (code === 'NOT_FOUND') {
      const asQuery = await t.gql('mike', '{ repository(owner: "beatles", name: "abbey-road") { id } }');
      expect({ message: result.errors?.[0]?.message, extensions: result.errors?.[0]?.extensions }).toEqual({
        message: asQuery.errors?.[0]?.message,
        extensions: asQuery.errors?.[0]?.extensions,
      });
    }
  });
});

describe('following the viewer’s access', () => {
  it('sends paul his permissions on abbey-road as john raises and lowers his role, then NOT_FOUND when he leaves', async () => {
    const subscription = await watch('paul', 'abbey-road');
    await repositoryRole('maintainer', 'paul');
    const raised = await subscription.next(1000);
    expect(raised.data?.viewerAccessChanged).toMatchObject({ resourceId: t.ids['abbey-road'], resourceType: 'REPOSITORY' });
    expect((raised.data?.viewerAccessChanged as { permissions: string[] }).permissions).toContain('delete:repository');
    await repositoryRole(null, 'paul');
    const lowered = await subscription.next(1000);
    expect((lowered.data?.viewerAccessChanged as { permissions: string[] }).permissions).toEqual([
      'create_issue:repository',
      'read:repository',
      'read_code:repository',
    ]);
    await t.setup('john', 'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }', {
      o: t.ids.beatles,
      u: t.ids.paul,
    });
    const gone = await subscription.next(1000);
    expect(gone.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['viewerAccessChanged'], 'NOT_FOUND']]);
    expect(await subscription.ended).toEqual({ complete: true });
  });

  it('sends ringo nothing when another user’s access changes', async () => {
    const subscription = await watch('ringo', 'abbey-road');
    await repositoryRole('maintainer', 'george');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toEqual([]);
    expect(subscription.isEnded()).toBe(false);
  });

  it('follows an organization too: george demoted to billing sees his organization permissions change', async () => {
    const subscription = await watch('george', 'beatles');
    await t.setup(
      'john',
      'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      {
        o: t.ids.beatles,
        u: t.ids.george,
      },
    );
    const changed = await subscription.next(1000);
    expect(changed.data?.viewerAccessChanged).toEqual({
      resourceId: t.ids.beatles,
      resourceType: 'ORGANIZATION',
      permissions: ['manage_billing:organization', 'read:organization', 'read_billing:organization'],
    });
  });
});
