import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordExpiredGrants } from '../../src/gitclub/access-write/record-expired-grants.js';
import type { Persona } from '../helpers/test-server.js';
import type { LiveSubscription } from './live-client.js';
import { liveTestServer } from './live-test-server.js';

// viewerAccessChanged: the viewer's permissions on a resource when it starts and after each change to
// them (a change to their access that leaves them as they were sends nothing), refused (NOT_FOUND,
// byte for byte as a query) on what they cannot see, ended when they lose sight of it.

const server = liveTestServer();

const query = 'subscription($id: ID!) { viewerAccessChanged(resourceId: $id) { resourceId resourceType permissions } }';

const watch = (persona: Persona, resource: string): Promise<LiveSubscription> =>
  server.watch(persona, query, { id: server.t.ids[resource] ?? resource });

const permissionsOf = (result: { data?: unknown }) =>
  (result.data as { viewerAccessChanged: { permissions: string[] } }).viewerAccessChanged.permissions;

// Values are awaited with the live client's default (5 s): what is tested here is what arrives, not how fast;
// delivery and revocation latency have tests of their own (revocation-latency.test.ts, the bench). A 1 s wait
// here once timed out in CI, under its parallel load.

/** A subscription that has received its first value (the permissions it starts from). */
async function watching(persona: Persona, resource: string): Promise<{ subscription: LiveSubscription; first: string[] }> {
  const subscription = await watch(persona, resource);
  return { subscription, first: permissionsOf(await subscription.next()) };
}

const repositoryRole = (role: string | null, user: string) =>
  role
    ? server.t.setup(
        'john',
        'mutation($r: ID!, $u: ID!, $role: String!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: $role}) { repository { id } } }',
        {
          r: server.t.ids['abbey-road'],
          u: server.t.ids[user],
          role,
        },
      )
    : server.t.setup(
        'john',
        'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
        {
          r: server.t.ids['abbey-road'],
          u: server.t.ids[user],
        },
      );

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
      const asQuery = await server.t.gql('mike', '{ repository(owner: "beatles", name: "abbey-road") { id } }');
      expect({ message: result.errors?.[0]?.message, extensions: result.errors?.[0]?.extensions }).toEqual({
        message: asQuery.errors?.[0]?.message,
        extensions: asQuery.errors?.[0]?.extensions,
      });
    }
  });
});

describe('following the viewer’s access', () => {
  it('sends paul his permissions on abbey-road as john raises and lowers his role, then NOT_FOUND when he leaves', async () => {
    const { subscription, first } = await watching('paul', 'abbey-road');
    expect(first).toEqual(['create_issue:repository', 'read:repository', 'read_code:repository']);
    await repositoryRole('maintainer', 'paul');
    const raised = await subscription.next();
    expect(raised.data?.viewerAccessChanged).toMatchObject({ resourceId: server.t.ids['abbey-road'], resourceType: 'REPOSITORY' });
    expect((raised.data?.viewerAccessChanged as { permissions: string[] }).permissions).toContain('delete:repository');
    await repositoryRole(null, 'paul');
    const lowered = await subscription.next();
    expect((lowered.data?.viewerAccessChanged as { permissions: string[] }).permissions).toEqual([
      'create_issue:repository',
      'read:repository',
      'read_code:repository',
    ]);
    await server.t.setup(
      'john',
      'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }',
      {
        o: server.t.ids.beatles,
        u: server.t.ids.paul,
      },
    );
    const gone = await subscription.next();
    expect(gone.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['viewerAccessChanged'], 'NOT_FOUND']]);
    expect(await subscription.ended).toEqual({ complete: true });
  });

  it('sends ringo nothing after his first value when another user’s access changes', async () => {
    const { subscription, first } = await watching('ringo', 'abbey-road');
    expect(first).toContain('read:repository');
    await repositoryRole('maintainer', 'george');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toHaveLength(1);
    expect(subscription.isEnded()).toBe(false);
  });

  it('sends george nothing when a change to his access leaves his permissions on beatles as they were', async () => {
    const { subscription, first } = await watching('george', 'beatles');
    // A repository role raises george's version (an access event for him) without touching the organization.
    await repositoryRole('maintainer', 'george');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toHaveLength(1);
    expect(subscription.isEnded()).toBe(false);
    expect(first).toContain('read:organization');
  });

  it('follows an organization too: george demoted to billing sees his organization permissions change', async () => {
    const { subscription } = await watching('george', 'beatles');
    await server.t.setup(
      'john',
      'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      {
        o: server.t.ids.beatles,
        u: server.t.ids.george,
      },
    );
    const changed = await subscription.next();
    expect(changed.data?.viewerAccessChanged).toEqual({
      resourceId: server.t.ids.beatles,
      resourceType: 'ORGANIZATION',
      permissions: ['manage_billing:organization', 'read:organization', 'read_billing:organization'],
    });
  });

  it('follows a grant from its making to its expiry (the sweep tells the bus)', async () => {
    const { subscription, first } = await watching('randall', 'abbey-road');
    expect(first).not.toContain('trigger_workflow:repository');
    await server.t.setup(
      'john',
      'mutation($u: ID!, $r: ID!, $e: String!) { grantPermission(input: {userId: $u, permission: "trigger_workflow:repository", resourceId: $r, reason: "release week", expiresAt: $e}) { grant { id } } }',
      { u: server.t.ids.randall, r: server.t.ids['abbey-road'], e: new Date(Date.now() + 2000).toISOString() },
    );
    expect(permissionsOf(await subscription.next())).toContain('trigger_workflow:repository');
    await new Promise((resolve) => setTimeout(resolve, 2200));
    // What the server's sweep runs once a minute, run now.
    expect(await recordExpiredGrants(server.t.server.db.em.fork(), (event) => server.t.server.bus.publish(event))).toBe(1);
    expect(permissionsOf(await subscription.next())).not.toContain('trigger_workflow:repository');
  });
});
