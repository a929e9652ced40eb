import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import type { Persona } from '../helpers/test-server.js';
import { issueEventsQuery, type LiveClient, type LiveSubscription } from './live-client.js';
import { liveTestServer } from './live-test-server.js';

// issueEvents as each persona, over a real socket: who receives the events of a repository, who is refused
// (with the error a query gets, byte for byte), and a subscriber who loses sight of it mid-stream.

const server = liveTestServer();
const live = (persona: Persona): Promise<LiveClient> => server.live(persona);

const createIssue = (repository: string, title: string) =>
  server.t.setup('john', 'mutation($r: ID!, $t: String!) { createIssue(input: {repositoryId: $r, title: $t}) { issue { id } } }', {
    r: server.t.ids[repository],
    t: title,
  });

/** The client-visible part of an error: what must be the same over WebSocket as over HTTP. */
const said = (error: GraphQLFormattedError | undefined) => ({ message: error?.message, extensions: error?.extensions });

/** Waits until the server has started every subscription (the subscribe check has run) by asking it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

type Row = [persona: Persona, repository: string, outcome: 'allowed' | 'NOT_FOUND' | 'UNAUTHENTICATED'];

const rows: Row[] = [
  ['john', 'abbey-road', 'allowed'], // admin of beatles: maintainer of every repository
  ['paul', 'abbey-road', 'allowed'], // member: the default role, contributor
  ['ringo', 'abbey-road', 'allowed'], // explicit maintainer
  ['george', 'abbey-road', 'allowed'], // member: default role here (ci-cd is on infra only)
  ['george', 'infra', 'allowed'], // custom role ci-cd includes read:repository
  ['randall', 'abbey-road', 'allowed'], // outside collaborator on abbey-road
  ['randall', 'infra', 'NOT_FOUND'], // ... and nothing else of beatles
  ['bill', 'abbey-road', 'NOT_FOUND'], // billing gets no default repository role
  ['mike', 'abbey-road', 'NOT_FOUND'], // admin of another organization
  ['sully', 'abbey-road', 'NOT_FOUND'],
  ['nobody', 'abbey-road', 'NOT_FOUND'],
  ['anonymous', 'abbey-road', 'UNAUTHENTICATED'],
];

describe('issueEvents, persona x repository', () => {
  const subscriptions = new Map<Row, LiveSubscription>();

  beforeAll(async () => {
    for (const row of rows) {
      const client = await live(row[0]);
      subscriptions.set(row, client.subscribe(issueEventsQuery, { repositoryId: server.t.ids[row[1]] }));
    }
    await settle();
    await createIssue('abbey-road', 'filed on abbey-road');
    await createIssue('infra', 'filed on infra');
  });

  it.each(rows)('%s on %s: %s', async (...row) => {
    const subscription = subscriptions.get(rows.find((candidate) => candidate.every((cell, index) => cell === row[index])) as Row);
    if (!subscription) throw new Error('no subscription');
    const [persona, repository, outcome] = row;
    const result = await subscription.next();
    if (outcome === 'allowed') {
      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ issueEvents: { action: 'OPENED', issue: { title: `filed on ${repository}`, state: 'OPEN' } } });
      expect(subscription.isEnded()).toBe(false);
      return;
    }
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual([outcome]);
    expect(result.errors?.[0]?.path).toEqual(['issueEvents']);
    expect(await subscription.ended).toEqual({ complete: true });
    // Byte for byte what the same persona gets from a query about the same repository.
    const query = await server.t.gql(persona, `{ repository(owner: "beatles", name: "${repository}") { id } }`);
    expect(said(result.errors?.[0] as GraphQLFormattedError)).toEqual(said(query.errors?.[0]));
  });
});

describe('issueEvents refusals at subscribe time', () => {
  it('answers a repository that does not exist as it answers a hidden one: NOT_FOUND, byte for byte', async () => {
    const client = await live('john');
    const missing = client.subscribe(issueEventsQuery, { repositoryId: randomUUID() });
    const hidden = (await live('mike')).subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    const [one, other] = [await missing.next(), await hidden.next()];
    expect(one).toEqual(other);
    expect(one.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(await missing.ended).toEqual({ complete: true });
  });

  it('refuses a malformed id with BAD_USER_INPUT before any lookup', async () => {
    const subscription = (await live('john')).subscribe(issueEventsQuery, { repositoryId: 'not-an-id' });
    const result = await subscription.next();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('issueEvents fields as in a query', () => {
  it('gives george (ci-cd on infra: no read_code) the event with repository.readme null and FORBIDDEN, as a query does', async () => {
    const subscription = (await live('george')).subscribe(
      'subscription($r: ID!) { issueEvents(repositoryId: $r) { action repository { name readme } } }',
      { r: server.t.ids.infra },
    );
    await settle();
    await createIssue('infra', 'readme check');
    const result = await subscription.next();
    expect(result.data).toEqual({ issueEvents: { action: 'OPENED', repository: { name: 'infra', readme: null } } });
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['issueEvents', 'repository', 'readme'], 'FORBIDDEN'],
    ]);
    const query = await server.t.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }');
    expect(said(result.errors?.[0] as GraphQLFormattedError)).toEqual(said(query.errors?.[0]));
    expect(subscription.isEnded()).toBe(false);
  });

  it('delivers closed and updated issues too', async () => {
    const subscription = (await live('ringo')).subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    await settle();
    // Each event is received before the next change: an event carries the issue as it is at delivery, so an
    // OPENED delivered after the rename would rightly say "renamed" (over Redis it sometimes was).
    const created = (await createIssue('abbey-road', 'to close')) as { createIssue: { issue: { id: string } } };
    const issueId = created.createIssue.issue.id;
    const opened = await subscription.next();
    await server.t.setup('john', 'mutation($i: ID!) { updateIssue(input: {issueId: $i, title: "renamed"}) { issue { id } } }', {
      i: issueId,
    });
    const updated = await subscription.next();
    await server.t.setup('john', 'mutation($i: ID!) { closeIssue(input: {issueId: $i}) { issue { id } } }', { i: issueId });
    const actions = [opened, updated, await subscription.next()].map((result) => result.data?.issueEvents);
    expect(actions).toEqual([
      { action: 'OPENED', issue: { id: issueId, title: 'to close', state: 'OPEN' } },
      { action: 'UPDATED', issue: { id: issueId, title: 'renamed', state: 'OPEN' } },
      { action: 'CLOSED', issue: { id: issueId, title: 'renamed', state: 'CLOSED' } },
    ]);
  });
});

describe('a subscriber losing read access mid-stream', () => {
  const lose: [string, DemoLogin, string, Record<string, string>][] = [
    [
      'their repository role removed',
      'randall',
      'mutation($r: ID!, $u: ID!) { removeRepositoryRole(input: {repositoryId: $r, userId: $u}) { repository { id } } }',
      { r: 'abbey-road', u: 'randall' },
    ],
    [
      'their membership removed',
      'paul',
      'mutation($o: ID!, $u: ID!) { removeMember(input: {organizationId: $o, userId: $u}) { organization { id } } }',
      { o: 'beatles', u: 'paul' },
    ],
    [
      'demoted to billing',
      'george',
      'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      { o: 'beatles', u: 'george' },
    ],
  ];

  it.each(lose)('%s: NOT_FOUND without waiting for an event, and no event after', async (_what, persona, mutation, variables) => {
    const subscription = (await live(persona)).subscribe(issueEventsQuery, { repositoryId: server.t.ids['abbey-road'] });
    await settle();
    const variableIds = Object.fromEntries(Object.entries(variables).map(([name, key]) => [name, server.t.ids[key]]));
    const started = Date.now();
    await server.t.setup('john', mutation, variableIds);
    const result = await subscription.next(1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.data).toEqual({ issueEvents: null });
    expect(await subscription.ended).toEqual({ complete: true });
    await createIssue('abbey-road', 'after the loss');
    await settle();
    expect(subscription.results).toHaveLength(1);
  });
});
