import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectLive, issueEventsQuery } from './live-client.js';

// The live metrics on GET /metrics: connections and subscriptions as they open and close, events
// delivered, re-authorizations by outcome, and the revocation latency histogram.

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

/** The value of one sample of /metrics (0 when absent). */
async function sample(name: string): Promise<number> {
  const text = await (await fetch(t.server.url.replace('/graphql', '/metrics'))).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('live metrics', () => {
  it('count connections, subscriptions, deliveries, re-authorizations and revocation latency', async () => {
    const client = await connectLive(t.server.url, await t.tokenOf('randall'));
    const subscription = client.subscribe(issueEventsQuery, { repositoryId: t.ids['abbey-road'] });
    await settle();
    expect(await sample('rolegate_live_connections')).toBe(1);
    expect(await sample('rolegate_live_subscriptions')).toBe(1);

    await t.setup('john', 'mutation($r: ID!) { createIssue(input: {repositoryId: $r, title: "counted"}) { issue { id } } }', {
      r: t.ids['abbey-road'],
    });
    await subscription.next();
    expect(await sample('rolegate_live_events_delivered_total')).toBe(1);

    // An access change that keeps the repository visible: a re-check, allowed, nothing sent.
    await t.setup(
      'john',
      'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "maintainer"}) { repository { id } } }',
      {
        r: t.ids['abbey-road'],
        u: t.ids.randall,
      },
    );
    await settle();
    expect(await sample('rolegate_live_reauthorizations_total{outcome="allowed"}')).toBe(1);

    // One that hides it: the subscription ends, and its latency is observed.
    await t.setup(
      'john',
      'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
      {
        r: t.ids['abbey-road'],
        u: t.ids.randall,
      },
    );
    await subscription.ended;
    await settle();
    expect(await sample('rolegate_live_reauthorizations_total{outcome="ended"}')).toBeGreaterThanOrEqual(1);
    expect(await sample('rolegate_live_revocation_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(await sample('rolegate_live_subscriptions')).toBe(0);

    await client.dispose();
    await settle();
    expect(await sample('rolegate_live_connections')).toBe(0);
  });
});
