import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/subscriptions/live-event.js';
import { issueEventsQuery, type LiveSubscription } from './live-client.js';
import { liveTestServer, untilRunning } from './live-test-server.js';

// One event reaching many subscriptions of one viewer is authorized with one context: the role and
// issue loads of all of them batch into the statements one subscription sends, not one set per subscription.

const server = liveTestServer();

/** Statements the server sends while `subscriptions` each receive one issue event. */
async function statementsForOneEvent(subscriptions: readonly LiveSubscription[], event: LiveEvent): Promise<number> {
  const before = server.t.queries.count;
  server.t.server.bus.publish(event);
  await Promise.all(subscriptions.map((subscription) => subscription.next(5000)));
  return server.t.queries.count - before;
}

describe('an event fanned out to one viewer’s subscriptions', () => {
  it('costs the statements of one subscription, whether ringo holds 1 or 40 (on two connections)', async () => {
    const event = (): LiveEvent => ({
      topic: 'issue',
      repositoryId: server.t.ids['abbey-road'] as string,
      issueId: server.t.ids['abbey-road#1'] as string,
      action: 'UPDATED',
    });
    const first = await server.live('ringo');
    const one = first.subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    await untilRunning(server.t, one, event());
    const alone = await statementsForOneEvent([one], event());
    expect(alone).toBeGreaterThan(0);

    const second = await server.live('ringo');
    const many = [
      one,
      ...Array.from({ length: 19 }, () => first.subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] })),
      ...Array.from({ length: 20 }, () => second.subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] })),
    ];
    for (const subscription of many.slice(1)) await untilRunning(server.t, subscription, event());
    // Drain what the warm-up left waiting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const subscription of many)
      while (
        await subscription.next(20).then(
          () => true,
          () => false,
        )
      );
    const together = await statementsForOneEvent(many, event());
    // One context per viewer and event: 40 subscriptions send what one does (a batch split across ticks may add one).
    expect(together).toBeLessThanOrEqual(alone + 1);
  });

  it('checks subscribe messages taken together with one context: 19 more on one connection cost what one does, or a few more', async () => {
    const client = await server.live('paul');
    const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
    let before = server.t.queries.count;
    const one = client.subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    await settle();
    const alone = server.t.queries.count - before;
    expect(one.isEnded()).toBe(false);
    before = server.t.queries.count;
    const twenty = Array.from({ length: 19 }, () => client.subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] }));
    await settle();
    const together = server.t.queries.count - before;
    expect(twenty.every((subscription) => !subscription.isEnded())).toBe(true);
    // Frames a read splits across turns get a context each: at most a few, never one per subscription.
    expect(together).toBeLessThanOrEqual(alone * 3);
  });
});
