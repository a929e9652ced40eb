import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRolesAsCommand } from '../../src/gitclub/access-write/command-changes.js';
import { demoEmail, demoPassword, type DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import { platformId } from '../../src/gitclub/policy/policy.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectLive, issueEventsQuery, type LiveClient } from './live-client.js';

// Revocation without waiting for an event: each way access or a token ends closes the socket
// (4401, the token no longer holds) or ends the subscription (NOT_FOUND, the resource is gone from
// view) within a second, on the instance's own bus.

let t: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
  // mike administers the platform (what `npm run platform -- grant platform_admin mike` does).
  await changeRolesAsCommand(
    { em: t.server.db.em.fork(), name: 'platform', requestId: 'test:platform', publish: (pending) => t.server.sessions.publish(pending) },
    (change) =>
      change({
        kind: 'set',
        userId: t.ids.mike as string,
        place: { resourceType: 'platform', resourceId: platformId },
        roleName: 'platform_admin',
      }),
  );
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await t?.stop();
});

/** A fresh sign-in (its own token and session), so a logout ends only what the test means. */
async function signIn(persona: DemoLogin): Promise<string> {
  const response = await t.send(undefined, {
    query: 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken } }',
    variables: { e: demoEmail(persona), p: demoPassword },
  });
  return (response.data?.login as { accessToken: string }).accessToken;
}

async function subscribed(token: string) {
  const client = await connectLive(t.server.url, token);
  clients.push(client);
  const subscription = client.subscribe(issueEventsQuery, { repositoryId: t.ids['abbey-road'] });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(subscription.isEnded()).toBe(false);
  return { client, subscription };
}

const within = async <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe('a token that stops holding closes its sockets with 4401', () => {
  it('logout: the socket of that token closes, another session of the same user stays open', async () => {
    const token = await signIn('paul');
    const other = await subscribed(await signIn('paul'));
    const { client } = await subscribed(token);
    const started = Date.now();
    await t.send(`Bearer ${token}`, { query: 'mutation { logout { ok } }' });
    const closed = await within(client.closed, 1000);
    expect(closed).toEqual({ code: 4401, reason: 'The access token has been revoked (logged out).' });
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.subscription.isEnded()).toBe(false);
  });

  it('logoutEverywhere: every socket of the user closes', async () => {
    const first = await subscribed(await signIn('ringo'));
    const token = await signIn('ringo');
    const second = await subscribed(token);
    await t.send(`Bearer ${token}`, { query: 'mutation { logoutEverywhere { ok } }' });
    for (const { client } of [first, second]) expect((await within(client.closed, 1000)).code).toBe(4401);
  });

  it('suspension: every socket of the suspended user closes', async () => {
    const { client } = await subscribed(await signIn('george'));
    const suspended = await t.gql('mike', 'mutation($u: ID!) { suspendUser(input: {userId: $u}) { user { id } } }', { u: t.ids.george });
    expect(suspended.errors).toBeUndefined();
    expect((await within(client.closed, 1000)).code).toBe(4401);
  });
});

describe('an access change ends the subscriptions it hides', () => {
  it('offboarding: the subscription ends with NOT_FOUND within a second', async () => {
    const { client, subscription } = await subscribed(await signIn('randall'));
    const offboarded = await t.gql(
      'john',
      'mutation($o: ID!, $u: ID!) { offboardMember(input: {organizationId: $o, userId: $u, reason: "left"}) { user { id } } }',
      { o: t.ids.beatles, u: t.ids.randall },
    );
    expect(offboarded.errors).toBeUndefined();
    const result = await subscription.next(1000);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await within(subscription.ended, 1000)).toEqual({ complete: true });
    // The connection itself stays: randall's token still holds, only what he may see changed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await Promise.race([client.closed, Promise.resolve('open')])).toBe('open');
  });

  it('a change that leaves the repository visible sends nothing and keeps the subscription', async () => {
    const { subscription } = await subscribed(await signIn('paul'));
    const changed = await t.gql(
      'john',
      'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "maintainer"}) { repository { id } } }',
      { r: t.ids['abbey-road'], u: t.ids.paul },
    );
    expect(changed.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscription.results).toEqual([]);
    expect(subscription.isEnded()).toBe(false);
  });
});
