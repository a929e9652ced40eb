// `viewer { repositories }` lists every repository the viewer can read, across organizations and
// from outside (a collaborator role, a direct grant), exactly those `repository(owner, name)` shows
// them, filtered in SQL and paged by owner then name; another user's list is empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
  // A direct grant opens one repository of an organization nobody belongs to.
  await api.setup('john', `mutation($input: GrantPermissionInput!) { grantPermission(input: $input) { grant { id } } }`, {
    input: {
      userId: api.ids.nobody,
      permission: 'read_code:repository',
      resourceId: api.ids.infra,
      reason: 'an audit of the deployment scripts',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
});
afterAll(async () => {
  await api?.stop();
});

type Page = { totalCount: number; nodes: { nameWithOwner: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const listOf = async (persona: Persona, first = 100, after?: string): Promise<Page> => {
  const response = await api.gql(
    persona,
    'query($first: Int, $after: String) { viewer { repositories(first: $first, after: $after) { totalCount nodes { nameWithOwner } pageInfo { hasNextPage endCursor } } } }',
    { first, after },
  );
  expect(response.errors).toBeUndefined();
  return (response.data?.viewer as { repositories: Page }).repositories;
};
const names = (page: Page) => page.nodes.map((node) => node.nameWithOwner);

/** Every repository of the demo, as their organizations' admins list them. */
async function allRepositories(): Promise<string[]> {
  const all: string[] = [];
  for (const [admin, organization] of [
    ['john', 'beatles'],
    ['mike', 'monsters'],
  ] as const) {
    const data = await api.setup(admin, `{ organization(login: "${organization}") { repositories { nodes { nameWithOwner } } } }`);
    all.push(
      ...(data.organization as { repositories: { nodes: { nameWithOwner: string }[] } }).repositories.nodes.map(
        (node) => node.nameWithOwner,
      ),
    );
  }
  return all.sort();
}

const personas: { persona: Persona; expected: string[] }[] = [
  { persona: 'john', expected: ['beatles/abbey-road', 'beatles/infra'] },
  { persona: 'paul', expected: ['beatles/abbey-road', 'beatles/infra'] },
  { persona: 'george', expected: ['beatles/abbey-road', 'beatles/infra'] },
  { persona: 'bill', expected: [] },
  { persona: 'mike', expected: ['monsters/scare-floor'] },
  { persona: 'sully', expected: ['monsters/scare-floor'] },
  { persona: 'randall', expected: ['beatles/abbey-road'] },
  { persona: 'nobody', expected: ['beatles/infra'] },
];

describe('viewer.repositories', () => {
  it.each(personas)('$persona: $expected', async ({ persona, expected }) => {
    const page = await listOf(persona);
    expect(names(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  it.each(personas)('$persona: exactly the repositories repository(owner, name) shows them', async ({ persona }) => {
    const visible: string[] = [];
    for (const nameWithOwner of await allRepositories()) {
      const [owner, name] = nameWithOwner.split('/');
      const response = await api.gql(persona, `{ repository(owner: "${owner}", name: "${name}") { id } }`);
      if (response.data?.repository) visible.push(nameWithOwner);
    }
    expect(names(await listOf(persona))).toEqual(visible);
  });

  it('pages one at a time through the same list', async () => {
    const walked: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listOf('john', 1, after);
      walked.push(...names(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(walked).toEqual(names(await listOf('john')));
  });

  it('is empty for another user, whoever asks', async () => {
    const response = await api.gql('paul', '{ user(login: "john") { repositories { totalCount nodes { id } } } }');
    expect(response.data?.user).toEqual({ repositories: { totalCount: 0, nodes: [] } });
  });

  it('refuses a cursor of another list with BAD_USER_INPUT', async () => {
    const members = await api.gql('john', '{ organization(login: "beatles") { members(first: 1) { pageInfo { endCursor } } } }');
    const cursor = (members.data?.organization as { members: { pageInfo: { endCursor: string } } }).members.pageInfo.endCursor;
    const response = await api.gql('john', 'query($after: String) { viewer { repositories(after: $after) { totalCount } } }', {
      after: cursor,
    });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
