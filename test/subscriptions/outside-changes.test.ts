import { describe, expect, it } from 'vitest';
import { commandVersionPublisher } from '../../src/auth/command-version-publisher.js';
import { loadConfig } from '../../src/config.js';
import { offboardAsCommand } from '../../src/gitclub/access-write/offboard-command.js';
import { issueEventsQuery } from './live-client.js';
import { liveTestServer } from './live-test-server.js';

// Without REDIS_URL nothing carries the command-line tool's changes to the server: it watches the
// versions of the users with open connections, so an operator's offboarding ends their
// subscriptions within seconds, with no event on the repository.

const server = liveTestServer({ REDIS_URL: '' });

describe('a change made outside the server, without Redis', () => {
  it('`npm run offboard -- --user ringo` ends ringo’s issueEvents on abbey-road with NOT_FOUND; john’s goes on', async () => {
    const ringo = await server.watch('ringo', issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    const john = await server.watch('john', issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    // What the command does: its own entity manager, and a publisher that, without REDIS_URL, tells no one.
    const publish = commandVersionPublisher(loadConfig({ REDIS_URL: '' }));
    const report = await offboardAsCommand(
      { em: server.t.server.db.em.fork(), name: 'offboard', requestId: 'cli:offboard', publish },
      { organizationId: server.t.ids.beatles as string, userId: server.t.ids.ringo as string, reason: 'left the band' },
      false,
    );
    expect(report.after).toEqual([]);
    const ended = await ringo.next(3000);
    expect(ended.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['issueEvents'], 'NOT_FOUND']]);
    expect(await ringo.ended).toEqual({ complete: true });
    expect(john.isEnded()).toBe(false);
    expect(john.results).toEqual([]);
  });
});
