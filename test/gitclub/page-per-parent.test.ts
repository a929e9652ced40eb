import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, EntityManager } from '../../src/db/database.js';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { issueLoaders } from '../../src/gitclub/issue/issue-loaders.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * A page of children for each of many parents (a repository's first issues, for every repository
 * of a list) reads each parent's page, not each parent's children: one repository with thousands
 * of issues costs a list of repositories what one with five does. Checked on the statement the
 * loader sends, by what PostgreSQL's plan read from `issues` when it ran.
 */
const bigRepositoryIssues = 3_000;

let database: TestDatabase;
let db: Database;
let big: string;
let small: string;
let other: string;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  db = await openGitClubDatabase(
    { databaseUrl: database.databaseUrl, pgliteDataDir: database.databaseUrl ? '' : 'memory://', pgliteTemplate: database.pgliteTemplate },
    { seedDemoData: false },
  );
  const em = db.em.fork();
  const repositories = await em.execute<{ id: string }[]>('select id from repositories order by name limit 3');
  [big, small, other] = repositories.map((row) => row.id) as [string, string, string];
  await em.execute(
    `insert into issues (id, repository_id, number, title, body, state, author_id, created_at)
     select gen_random_uuid(), ?::uuid, coalesce((select max(number) from issues where repository_id = ?::uuid), 0) + n,
            'bulk ' || n, null, case when n % 2 = 0 then 'CLOSED' else 'OPEN' end,
            (select id from users where login = 'john'), now()
     from generate_series(1, ?) as n`,
    [big, big, bigRepositoryIssues],
  );
  await em.execute(
    `insert into issues (id, repository_id, number, title, body, state, author_id, created_at)
     select gen_random_uuid(), ?::uuid, coalesce((select max(number) from issues where repository_id = ?::uuid), 0) + n,
            'few ' || n, null, 'OPEN', (select id from users where login = 'john'), now()
     from generate_series(1, 4) as n`,
    [small, small],
  );
  await em.execute('analyze issues');
}, 120_000);

afterAll(async () => {
  await db?.close(true);
  await database?.drop();
});

/** The statements a loader sends, with their values, passed on to the database. */
function recording(em: EntityManager): { em: EntityManager; sent: { sql: string; params: readonly unknown[] }[] } {
  const sent: { sql: string; params: readonly unknown[] }[] = [];
  const recorder = {
    execute: (sql: string, params: readonly unknown[] = []) => {
      sent.push({ sql, params });
      return em.execute(sql, params as unknown[]);
    },
  } as unknown as EntityManager;
  return { em: recorder, sent };
}

interface PlanNode {
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly Plans?: readonly PlanNode[];
}

/** Rows the plan's scans of `relation` read (those they returned and those their filter removed), over all their loops. */
function rowsReadFrom(node: PlanNode, relation: string): number {
  const perLoop = (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0);
  const own = node['Relation Name'] === relation ? perLoop * (node['Actual Loops'] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsReadFrom(child, relation), 0);
}

/** The numbers of one repository's first issues, read directly: what its page must hold. */
async function firstNumbers(repositoryId: string, state: string, size: number): Promise<number[]> {
  const rows = await db.em
    .fork()
    .execute<{ number: number }[]>(
      `select number from issues where repository_id = ? ${state ? 'and state = ?' : ''} order by number limit ?`,
      [repositoryId, ...(state ? [state] : []), size],
    );
  return rows.map((row) => Number(row.number));
}

describe('a page of issues for each of many repositories', () => {
  const cases: [string, () => string[], string][] = [
    ['one repository with thousands of issues', () => [big], ''],
    ['it beside a repository with a few and one with none of its own', () => [big, small, other], ''],
    ['the same, open issues only', () => [big, small, other], 'OPEN'],
  ];

  it.each(cases)('%s: each page is that repository’s first issues, read without reading the rest', async (_name, parents, state) => {
    const pageSize = 3;
    const { em, sent } = recording(db.em.fork());
    const loaders = issueLoaders(em, () => (load) => load);
    const ids = parents();
    const pages = await Promise.all(
      ids.map((parentId) => loaders.issuePages.load({ parentId, filter: state, after: undefined, limit: pageSize + 1 })),
    );

    for (const [index, parentId] of ids.entries()) {
      expect(pages[index]?.map((issue) => issue.number)).toEqual(await firstNumbers(parentId, state, pageSize + 1));
    }
    expect(sent).toHaveLength(1);
    const [statement] = sent as [{ sql: string; params: readonly unknown[] }];
    const [explained] = await db.em
      .fork()
      .execute<Record<string, [{ Plan: PlanNode }]>[]>(`explain (analyze, format json) ${statement.sql}`, statement.params as unknown[]);
    const plan = Object.values(explained ?? {})[0]?.[0].Plan;
    if (!plan) throw new Error('No plan came back.');
    // Each repository's page (and, for the filtered page, the closed issues passed over within it): never its thousands.
    expect(rowsReadFrom(plan, 'issues')).toBeLessThanOrEqual(ids.length * (pageSize + 1) * 2);
  });
});
