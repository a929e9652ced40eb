// A connection's edges and cursors are made only when a query selects them (pagination.ts): each
// edge's cursor pages from right after its node, the last one is `pageInfo.endCursor`, and a
// query asking for `nodes` alone gets the same nodes in the same order. Over every list shape
// a page of an organization's or a repository's children takes.
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/gitclub/schema.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
  // Three audit entries, for a list paged newest first (its cursors carry a time and an id).
  for (const permission of ['read_code:repository', 'manage_issues:repository', 'trigger_workflow:repository']) {
    await api.setup('john', `mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id } } }`, {
      input: {
        userId: api.ids.nobody,
        permission,
        resourceId: api.ids.infra,
        reason: 'a connection with entries to page',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
  }
});
afterAll(async () => {
  await api?.stop();
});

type Connection = {
  nodes: unknown[];
  edges: { cursor: string; node: unknown }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

const lists = [
  { name: 'Organization.repositories', parent: 'organization(login: "beatles")', field: 'repositories', node: '{ name }' },
  { name: 'Organization.members', parent: 'organization(login: "beatles")', field: 'members', node: '{ user { login } }' },
  { name: 'Organization.auditLog', parent: 'organization(login: "beatles")', field: 'auditLog', node: '{ id action }' },
  { name: 'Repository.issues', parent: 'repository(owner: "beatles", name: "abbey-road")', field: 'issues', node: '{ number }' },
];

const connectionOf = async (list: (typeof lists)[number], selection: string, first: number, after?: string): Promise<Connection> => {
  const response = await api.gql(
    'john',
    `query($first: Int, $after: String) { ${list.parent} { ${list.field}(first: $first, after: $after) { ${selection} } } }`,
    { first, after },
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const parent = Object.values(response.data ?? {})[0] as Record<string, Connection>;
  return parent[list.field] as Connection;
};

describe('connection edges, made when selected', () => {
  it.each(lists)('$name: each edge cursor pages from after its node, the last is endCursor', async (list) => {
    const page = await connectionOf(list, `edges { cursor node ${list.node} } nodes ${list.node} pageInfo { hasNextPage endCursor }`, 3);
    expect(page.edges.length).toBeGreaterThanOrEqual(2);
    expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
    const [first, second] = page.edges;
    const next = await connectionOf(list, `nodes ${list.node}`, 1, first?.cursor);
    expect(next.nodes).toEqual([second?.node]);
    const nodesAlone = await connectionOf(list, `nodes ${list.node}`, 3);
    expect(nodesAlone.nodes).toEqual(page.nodes);
  });

  it.each(lists)('$name: totalCount counts every node of the list, past the page', async (list) => {
    const all = await connectionOf(list, `nodes ${list.node}`, 100);
    const counted = (await connectionOf(list, 'totalCount nodes { __typename }', 1)) as Connection & { totalCount: number };
    expect(counted.nodes).toHaveLength(1);
    expect(counted.totalCount).toBe(all.nodes.length);
  });

  it('an empty page has no edges and a null endCursor', async () => {
    const [repositories] = lists;
    const page = await connectionOf(repositories as (typeof lists)[number], 'edges { cursor } pageInfo { endCursor hasNextPage }', 0);
    expect(page).toEqual({ edges: [], pageInfo: { endCursor: null, hasNextPage: true } });
  });
});

describe('a connection type counts through its resolver', () => {
  // A field without a resolver reads a plain value (src/http/plain-field-resolver.ts), and connection()'s
  // totalCount is a function: a connection type left out of resolvers.ts would answer an internal error.
  const schema = buildSchema();
  const counted = Object.values(schema.getTypeMap()).flatMap((type) =>
    isObjectType(type) && type.getFields().totalCount ? [[type.name, type.getFields().totalCount?.resolve] as const] : [],
  );

  it('the schema has connection types with totalCount', () => {
    expect(counted.length).toBeGreaterThanOrEqual(10);
  });

  it.each(counted)('%s.totalCount has a resolver', (_name, resolve) => {
    expect(resolve).toBeTypeOf('function');
  });
});
