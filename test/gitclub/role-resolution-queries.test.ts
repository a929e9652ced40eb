import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlArray } from '../../src/db/sql-array.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Role resolution is batched: listing N repositories with several protected fields each costs
 * the same number of SQL statements for N = 1, 10 and 100 (one role query per resource type per
 * batch, never one per item or field).
 */
const sizes = [1, 10, 100] as const;
const listQuery = (login: string) => `{
  organization(login: "${login}") {
    repositories(first: 100) {
      totalCount
      nodes { name nameWithOwner readme viewerPermissions viewerRole { name } collaborators { user { login } role { name } } workflowRuns(first: 2) { totalCount nodes { workflow triggeredBy { login } } } }
    }
  }
}`;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
  const em = api.server.db.em.fork();
  const roles = Object.fromEntries(
    (await em.execute<{ name: string; id: string }[]>('select name, id from roles where built_in')).map((row) => [row.name, row.id]),
  );
  for (const size of sizes) {
    const [organization] = await em.execute<{ id: string }[]>(
      `insert into organizations (id, login, name, default_repository_role_id, created_at) values (gen_random_uuid(), ?, ?, ?, now()) returning id`,
      [`bulk-${size}`, `Bulk ${size}`, roles.contributor],
    );
    await em.execute(
      `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
       select gen_random_uuid(), u.id, case u.login when 'john' then ?::uuid else ?::uuid end, 'organization', ?, now()
       from users u where u.login = any(?::text[])`,
      [roles.admin, roles.member, organization?.id, sqlArray(['john', 'paul', 'ringo'])],
    );
    await em.execute(
      `insert into repositories (id, organization_id, name, readme, created_at)
       select gen_random_uuid(), ?, 'repo-' || lpad(n::text, 3, '0'), 'readme', now() from generate_series(1, ?) n`,
      [organization?.id, size],
    );
    await em.execute(
      `insert into workflow_runs (id, repository_id, workflow, triggered_by_id, created_at)
       select gen_random_uuid(), r.id, w.name, (select id from users where login = 'john'), now() - (w.n || ' minutes')::interval
       from repositories r, (values ('build', 1), ('deploy', 2), ('lint', 3)) as w(name, n) where r.organization_id = ?`,
      [organization?.id],
    );
    // Ringo holds an explicit role on every other repository, so both paths (explicit and default) are exercised.
    await em.execute(
      `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
       select gen_random_uuid(), (select id from users where login = 'ringo'), ?, 'repository', r.id, now()
       from repositories r where r.organization_id = ? and right(r.name, 1) in ('1', '3', '5', '7', '9')`,
      [roles.maintainer, organization?.id],
    );
  }
});
afterAll(async () => {
  await api?.stop();
});

async function countStatements(persona: 'john' | 'paul' | 'ringo', login: string, expectedRepositories: number): Promise<number> {
  await api.tokenOf(persona);
  api.queries.reset();
  const response = await api.gql(persona, listQuery(login));
  const count = api.queries.count;
  const repositories = (response.data?.organization as { repositories: { nodes: unknown[]; totalCount: number } }).repositories;
  expect(repositories.nodes).toHaveLength(expectedRepositories);
  expect(repositories.totalCount).toBe(expectedRepositories);
  return count;
}

describe.each(['john', 'paul', 'ringo'] as const)('SQL statements for %s', (persona) => {
  it('do not grow with the number of repositories', async () => {
    const counts = [];
    for (const size of sizes) counts.push(await countStatements(persona, `bulk-${size}`, size));
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    // A small constant: the organization, the page, its count, repository access, role names, roles,
    // collaborators, users (twice: collaborators, then workflow-run authors), latest runs, run counts.
    expect(counts[0]).toBeLessThanOrEqual(12);
  });
});

describe('batched workflow runs', () => {
  it('give each repository its own newest runs and count', async () => {
    const response = await api.gql('john', listQuery('bulk-10'));
    const nodes = (
      response.data?.organization as { repositories: { nodes: { workflowRuns: { totalCount: number; nodes: { workflow: string }[] } }[] } }
    ).repositories.nodes;
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      expect(node.workflowRuns.totalCount).toBe(3);
      expect(node.workflowRuns.nodes.map((run) => run.workflow)).toEqual(['build', 'deploy']);
    }
  });
});
