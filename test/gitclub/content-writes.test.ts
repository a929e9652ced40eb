// A write of content only (an issue, a workflow run, a description) changes nobody's access: the
// request keeps the access it resolved, and a created issue's access is known from its repository,
// so `createIssue` costs its write, nothing more: the write reads the viewer's access in its own
// statement and settles the check there (a write guard). A write that changes access still makes
// the rest of the request forget what it knew.
import { describe, expect, it, beforeAll, afterAll, vi } from 'vitest';
import { transact } from '../../src/gitclub/access-changes.js';
import type { RequestContext } from '../../src/gitclub/context.js';
import type { Loaders } from '../../src/gitclub/loaders.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

type Outcome = 'created' | 'FORBIDDEN' | 'NOT_FOUND';
const createIssue = `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { id number title viewerPermissions } } }`;
const issuesOf = (name: string) =>
  `{ repository(owner: "beatles", name: "${name}") { issues(first: 100) { nodes { id viewerPermissions } } } }`;

/**
 * `statements`: one for an issue created, whoever the viewer: the repository's counter gives the
 * number and the insert follows, in the statement that reads the viewer's access there and writes
 * only where it allows (src/gitclub/issue/open-issue.ts). A refusal costs that statement, which
 * writes nothing, and the check made the usual way for its NOT_FOUND or FORBIDDEN: the repository's
 * role facts, and the organization's for a viewer whose token carries no role there.
 */
const cases: { persona: Persona; repository: string; outcome: Outcome; statements: number }[] = [
  { persona: 'john', repository: 'abbey-road', outcome: 'created', statements: 1 },
  { persona: 'paul', repository: 'abbey-road', outcome: 'created', statements: 1 },
  { persona: 'ringo', repository: 'abbey-road', outcome: 'created', statements: 1 },
  { persona: 'george', repository: 'abbey-road', outcome: 'created', statements: 1 },
  { persona: 'george', repository: 'infra', outcome: 'FORBIDDEN', statements: 2 },
  { persona: 'randall', repository: 'abbey-road', outcome: 'created', statements: 1 },
  { persona: 'bill', repository: 'abbey-road', outcome: 'NOT_FOUND', statements: 2 },
  { persona: 'mike', repository: 'abbey-road', outcome: 'NOT_FOUND', statements: 3 },
  { persona: 'nobody', repository: 'abbey-road', outcome: 'NOT_FOUND', statements: 3 },
];

describe('createIssue', () => {
  it.each(cases)('$persona on $repository: $outcome', async ({ persona, repository, outcome, statements: expected }) => {
    await api.gql(persona, '{ viewer { id } }');
    api.queries.reset();
    const response = await api.gql(persona, createIssue, { input: { repositoryId: api.ids[repository], title: `by ${persona}` } });
    const statements = api.queries.count;
    if (outcome !== 'created') {
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual([outcome]);
      expect(statements).toBe(expected);
      return;
    }
    expect(response.errors).toBeUndefined();
    // The payload's fields, viewerPermissions included, ask nothing more.
    expect(statements).toBe(expected);
    const created = (response.data?.createIssue as { issue: { id: string; viewerPermissions: string[] } }).issue;
    const listed = ((await api.gql(persona, issuesOf(repository))).data?.repository as { issues: { nodes: (typeof created)[] } }).issues
      .nodes;
    expect(listed.find((issue) => issue.id === created.id)).toEqual({ id: created.id, viewerPermissions: created.viewerPermissions });
  });
});

/** A request context of spies: only what `transact` touches. */
function contextOfSpies() {
  const forget = vi.fn();
  const clearAll = vi.fn();
  const context = {
    em: {
      transactional: (work: (tx: unknown) => Promise<unknown>) =>
        work({ execute: async () => [], getEventManager: () => ({ registerSubscriber: () => {} }) }),
    },
    authorizer: { forget },
    loaders: { user: { clearAll } } as unknown as Loaders,
    sessions: { publish: async () => {} },
    viewer: null,
    requestId: 'content-writes',
    idempotency: {},
  } as unknown as RequestContext;
  return { context, forget, clearAll };
}

describe('createIssue twice in one document', () => {
  it('each field settles its own check: george opens one in abbey-road, is refused in infra, and only one is written', async () => {
    const before = await api.server.db.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from issues where title = 'twice'`);
    const response = await api.gql(
      'george',
      `mutation($a: ID!, $b: ID!) {
        a: createIssue(input: { repositoryId: $a, title: "twice" }) { issue { number } }
        b: createIssue(input: { repositoryId: $b, title: "twice" }) { issue { number } }
      }`,
      { a: api.ids['abbey-road'], b: api.ids.infra },
    );
    expect(response.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([['b', 'FORBIDDEN']]);
    expect((response.data?.a as { issue: { number: number } } | null)?.issue.number).toBeGreaterThan(0);
    const after = await api.server.db.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from issues where title = 'twice'`);
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(1);
  });
});

describe('a unit of work that settles a check', () => {
  it.each([
    { guard: 'still pending', pending: true, commits: false },
    { guard: 'settled', pending: false, commits: true },
  ])('$guard: commits $commits', async ({ pending, commits }) => {
    const { context } = contextOfSpies();
    const settles = {
      pending: undefined,
      decideNow: async () => {},
      settle: () => {},
      assertSettled: () => {
        if (pending) throw new Error('the write neither settled its check nor decided it first');
      },
    };
    const unit = transact(context, async () => 'written', { contentOnly: true, settles });
    if (commits) await expect(unit).resolves.toBe('written');
    else await expect(unit).rejects.toThrow('neither settled');
  });
});

describe('a unit of work forgets the access the request resolved', () => {
  it.each([
    { write: 'an access change', contentOnly: false, marksChanged: true, forgets: true },
    { write: 'any write not said to be content', contentOnly: false, marksChanged: false, forgets: true },
    { write: 'content only', contentOnly: true, marksChanged: false, forgets: false },
    { write: 'content said, yet marking users changed', contentOnly: true, marksChanged: true, forgets: true },
  ])('$write: forgets access $forgets, loaders always', async ({ contentOnly, marksChanged, forgets }) => {
    const { context, forget, clearAll } = contextOfSpies();
    await transact(context, async ({ changed }) => (marksChanged ? changed(['user-1']) : undefined), { contentOnly });
    expect(forget).toHaveBeenCalledTimes(forgets ? 1 : 0);
    expect(clearAll).toHaveBeenCalledTimes(1);
  });
});

describe('issue numbers', () => {
  const numberOf = (response: Awaited<ReturnType<TestServer['gql']>>) =>
    (response.data?.createIssue as { issue: { number: number } } | undefined)?.issue.number;

  it('are unique and consecutive when twenty issues are opened at once in one repository', async () => {
    const [before] = await api.server.db.em
      .fork()
      .execute<{ n: number }[]>('select coalesce(max(number), 0) as n from issues where repository_id = ?', [api.ids['abbey-road']]);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api.gql(index % 2 ? 'john' : 'paul', createIssue, { input: { repositoryId: api.ids['abbey-road'], title: `at once ${index}` } }),
      ),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    const first = Number(before?.n) + 1;
    expect(responses.map(numberOf).sort((a = 0, b = 0) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => first + index));
  });

  it('follow the highest number even when issues were written without the counter (a seed, an import)', async () => {
    const em = api.server.db.em.fork();
    await em.execute(
      `insert into issues (id, repository_id, number, title, state, author_id, created_at)
       values (gen_random_uuid(), ?, 1000, 'Imported', 'OPEN', ?, now())`,
      [api.ids['abbey-road'], api.ids.john],
    );
    const response = await api.gql('john', createIssue, { input: { repositoryId: api.ids['abbey-road'], title: 'after the import' } });
    expect(response.errors).toBeUndefined();
    expect(numberOf(response)).toBe(1001);
  });
});
