import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandVersionPublisher } from '../../src/auth/command-version-publisher.js';
import { changeRolesAsCommand } from '../../src/gitclub/access-write/command-changes.js';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectLive, issueEventsQuery, type LiveClient } from './live-client.js';

// Two instances on one PostgreSQL and one Redis: an issue filed through one reaches a subscriber of
// the other, and a logout or a role taken away through one ends the other's sockets and
// subscriptions. Needs DATABASE_URL and REDIS_URL (as the token tests of test/auth do).

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)('two instances sharing PostgreSQL and Redis', () => {
  let one: TestServer;
  let two: TestServer;
  let prefix: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    prefix = `rolegate-test:${randomUUID()}:`;
    const shared = { REDIS_KEY_PREFIX: prefix, JWT_PRIVATE_KEY: JSON.stringify(await exportJWK(privateKey)) };
    one = await startTestServer({}, shared);
    two = await startTestServer({}, shared, one.database);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await two?.stopServer();
    await one?.stop();
  });

  async function subscribedOnTwo(token: string) {
    const client = await connectLive(two.server.url, token);
    clients.push(client);
    const subscription = client.subscribe(issueEventsQuery, { repositoryId: one.ids['abbey-road'] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { client, subscription };
  }

  it('delivers on two an issue filed through one', async () => {
    const { subscription } = await subscribedOnTwo(await one.tokenOf('paul'));
    await one.setup('john', 'mutation($r: ID!) { createIssue(input: {repositoryId: $r, title: "from one"}) { issue { id } } }', {
      r: one.ids['abbey-road'],
    });
    expect((await subscription.next(2000)).data).toMatchObject({ issueEvents: { action: 'OPENED', issue: { title: 'from one' } } });
  });

  it('closes on two, within a second, the socket of a token logged out through one', async () => {
    const login = await one.send(undefined, {
      query: 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken } }',
      variables: { e: demoEmail('ringo'), p: demoPassword },
    });
    const token = (login.data?.login as { accessToken: string }).accessToken;
    const { client } = await subscribedOnTwo(token);
    const sent = Date.now();
    await one.send(`Bearer ${token}`, { query: 'mutation { logout { ok } }' });
    expect((await client.closed).code).toBe(4401);
    expect(Date.now() - sent).toBeLessThan(1000);
  });

  it('ends on two, within a second, the subscription of a user whose role was removed through one', async () => {
    const { subscription } = await subscribedOnTwo(await one.tokenOf('randall'));
    const sent = Date.now();
    await one.setup(
      'john',
      'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
      {
        r: one.ids['abbey-road'],
        u: one.ids.randall,
      },
    );
    const result = await subscription.next(1000);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(Date.now() - sent).toBeLessThan(1000);
  });

  it('ends on both instances the subscription of a user a command (npm run offboard, platform) removed', async () => {
    const { subscription } = await subscribedOnTwo(await one.tokenOf('paul'));
    const sent = Date.now();
    // What a command does: its unit of work as the system actor, its versions published to Redis and on the bus.
    const publish = commandVersionPublisher({ redisUrl: process.env.REDIS_URL, redisKeyPrefix: prefix, redisVersionTtlSeconds: 300 });
    await changeRolesAsCommand({ em: one.server.db.em.fork(), name: 'offboard', requestId: 'test:offboard', publish }, (change) =>
      change({
        kind: 'remove',
        userId: one.ids.paul as string,
        place: { resourceType: 'organization', resourceId: one.ids.beatles as string },
      }),
    );
    const result = await subscription.next(1000);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(Date.now() - sent).toBeLessThan(1000);
  });
});
