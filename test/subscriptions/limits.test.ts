import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectLive, issueEventsQuery, type LiveClient } from './live-client.js';
import { openRaw, type RawSocket } from './raw-socket.js';
import { untilRunning } from './live-test-server.js';

// Every limit of the live side, each set low on this file's server and each refused with its
// error or close code: subscriptions per connection and per user, the subscribe rate, message
// size, a slow consumer's buffer, and the query limits (depth, aliases, cost) on subscription documents.

let t: TestServer;
const clients: LiveClient[] = [];
const sockets: RawSocket[] = [];

beforeAll(async () => {
  t = await startTestServer(
    {},
    {
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
      WS_MAX_SUBSCRIPTIONS_PER_USER: '3',
      WS_MAX_SUBSCRIBES_PER_MINUTE: '5',
      WS_MAX_MESSAGE_BYTES: '1kb',
      WS_MAX_BUFFERED_EVENTS: '2',
      QUERY_MAX_DEPTH: '5',
      QUERY_MAX_ALIASES: '1',
      QUERY_MAX_COST: '10',
    },
  );
});
afterAll(async () => {
  for (const raw of sockets) raw.socket.close();
  await Promise.all(clients.map((client) => client.dispose()));
  await t?.stop();
});

/** A raw socket signed in as a persona, acknowledged. */
async function signedIn(persona: 'john' | 'paul' | 'ringo' | 'george'): Promise<RawSocket> {
  const raw = await openRaw(t.server.url);
  sockets.push(raw);
  raw.send({ type: 'connection_init', payload: { authorization: `Bearer ${await t.tokenOf(persona)}` } });
  await raw.nextOf('connection_ack');
  return raw;
}

const subscribe = (
  raw: RawSocket,
  id: string,
  query = issueEventsQuery,
  variables: Record<string, unknown> = { repositoryId: t.ids['abbey-road'] },
) => raw.send({ id, type: 'subscribe', payload: { query, variables } });

/** Waits for the server to have taken every message sent so far, by a ping's pong. */
async function settled(raw: RawSocket): Promise<void> {
  raw.send({ type: 'ping' });
  await raw.nextOf('pong');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('subscriptions held', () => {
  it('refuses a third subscription on one connection (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION=2), and takes one again once one completes', async () => {
    const raw = await signedIn('paul');
    subscribe(raw, 'a');
    subscribe(raw, 'b');
    await settled(raw);
    subscribe(raw, 'c');
    expect(await raw.nextOf('error')).toEqual({
      id: 'c',
      type: 'error',
      payload: [
        {
          message: 'This connection holds 2 subscriptions, the most allowed; complete one first.',
          extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'perConnection', maximum: 2 },
        },
      ],
    });
    raw.send({ id: 'a', type: 'complete' });
    await settled(raw);
    subscribe(raw, 'd');
    await settled(raw);
    expect(raw.messages.filter((message) => (message as { type: string }).type === 'error')).toEqual([]);
  });

  it('refuses a fourth subscription of one user over two connections (WS_MAX_SUBSCRIPTIONS_PER_USER=3)', async () => {
    const one = await signedIn('ringo');
    const two = await signedIn('ringo');
    subscribe(one, 'a');
    subscribe(one, 'b');
    subscribe(two, 'c');
    await settled(one);
    await settled(two);
    subscribe(two, 'd');
    const refused = (await two.nextOf('error')).payload as { extensions: unknown }[];
    expect(refused[0]?.extensions).toEqual({ code: 'SUBSCRIPTION_LIMIT', limit: 'perUser', maximum: 3 });
  });

  it('refuses the sixth subscribe message in a minute (WS_MAX_SUBSCRIBES_PER_MINUTE=5), even when each completed', async () => {
    const raw = await signedIn('george');
    for (const id of ['1', '2', '3', '4', '5']) {
      subscribe(raw, id);
      await settled(raw);
      raw.send({ id, type: 'complete' });
    }
    await settled(raw);
    subscribe(raw, '6');
    const refused = (await raw.nextOf('error')).payload as { extensions: unknown }[];
    expect(refused[0]?.extensions).toEqual({ code: 'SUBSCRIPTION_LIMIT', limit: 'subscribeRate', maximum: 5 });
  });
});

describe('messages and slow clients', () => {
  it('closes the socket with 1009 for a message over WS_MAX_MESSAGE_BYTES (1kb), printing nothing (graphql-ws would console.error it)', async () => {
    const printed = vi.spyOn(console, 'error');
    try {
      const raw = await signedIn('john');
      subscribe(raw, 'big', `subscription { issueEvents(repositoryId: "${t.ids['abbey-road']}") { action } } # ${'x'.repeat(2000)}`);
      expect((await raw.closed).code).toBe(1009);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it('disconnects a client whose events pile up past WS_MAX_BUFFERED_EVENTS (2) with 1013, rather than buffering', async () => {
    const client = await connectLive(t.server.url, await t.tokenOf('john'));
    clients.push(client);
    const subscription = client.subscribe(issueEventsQuery, { repositoryId: t.ids['abbey-road'] });
    const event = {
      topic: 'issue',
      repositoryId: t.ids['abbey-road'] as string,
      issueId: t.ids['abbey-road#1'] as string,
      action: 'UPDATED',
    } as const;
    await untilRunning(t, subscription, event);
    // Ten events at once: one runs, two wait, the fourth finds the buffer full.
    for (let count = 0; count < 10; count++) t.server.bus.publish(event);
    expect((await client.closed).code).toBe(1013);
    const metrics = await (await fetch(t.server.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/rolegate_live_events_dropped_total\{reason="overflow"\} [1-9]/);
  });
});

describe('the query limits apply to subscription documents', () => {
  it.each([
    ['depth', 'subscription($r: ID!) { issueEvents(repositoryId: $r) { repository { issues(first: 1) { nodes { author { login } } } } } }'],
    ['aliases', 'subscription($r: ID!) { a: issueEvents(repositoryId: $r) { b: action c: action } }'],
    ['cost', 'subscription($r: ID!) { issueEvents(repositoryId: $r) { repository { issues(first: 100) { nodes { id } } } } }'],
  ])('%s: QUERY_TOO_COMPLEX, nothing runs', async (limit, query) => {
    const raw = await signedIn('john');
    subscribe(raw, limit, query, { r: t.ids['abbey-road'] });
    const refused = (await raw.nextOf('error')).payload as { extensions: { code: string; limit: string } }[];
    expect(refused.map((error) => [error.extensions.code, error.extensions.limit])).toContainEqual(['QUERY_TOO_COMPLEX', limit]);
  });
});

describe('each limit is a setting refused by name when out of range', () => {
  it.each([
    ['WS_CONNECTION_INIT_TIMEOUT_SECONDS', '0'],
    ['WS_MAX_CONNECTIONS_PER_IP', '0'],
    ['WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', '0'],
    ['WS_MAX_SUBSCRIPTIONS_PER_USER', 'many'],
    ['WS_MAX_MESSAGE_BYTES', '1'],
    ['WS_MAX_SUBSCRIBES_PER_MINUTE', '-1'],
    ['WS_MAX_BUFFERED_EVENTS', '0'],
  ])('%s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be`));
  });
});
