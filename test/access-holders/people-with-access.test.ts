// peopleWithAccess over the demo cast: who may ask (persona x resource -> outcome), what the
// answer holds for "who can read the code of beatles/infra?", paging with cursors, and a grant
// that is listed while it lasts; accessOf, and viewer.access: what I hold across organizations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

interface Holder {
  user: { login: string };
  via: { via: string; role: string | null; expiresAt: string | null; description: string }[];
}
interface Holders {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Holder[];
}

const selection = 'totalCount pageInfo { hasNextPage endCursor } nodes { user { login } via { via role expiresAt description } }';

/** The three places peopleWithAccess lives, each as a query and the path of the field. */
const places = {
  organization: {
    query: (permission: string, page = '') =>
      `{ organization(login: "beatles") { peopleWithAccess(permission: ${permission}${page}) { ${selection} } } }`,
    path: 'organization.peopleWithAccess',
  },
  infra: {
    query: (permission: string, page = '') =>
      `{ repository(owner: "beatles", name: "infra") { peopleWithAccess(permission: ${permission}${page}) { ${selection} } } }`,
    path: 'repository.peopleWithAccess',
  },
  'abbey-road': {
    query: (permission: string, page = '') =>
      `{ repository(owner: "beatles", name: "abbey-road") { peopleWithAccess(permission: ${permission}${page}) { ${selection} } } }`,
    path: 'repository.peopleWithAccess',
  },
  'an issue of abbey-road': {
    query: (permission: string, page = '') =>
      `{ repository(owner: "beatles", name: "abbey-road") { issues(first: 1) { nodes { peopleWithAccess(permission: ${permission}${page}) { ${selection} } } } } }`,
    path: 'repository.issues.nodes.0.peopleWithAccess',
  },
} as const;

const permissionOf: Record<keyof typeof places, string> = {
  organization: 'read',
  infra: 'read_code',
  'abbey-road': 'read_code',
  'an issue of abbey-road': 'update',
};

// Those who manage access there may ask: manage_members on the organization, manage_roles on a
// repository (and on the repository of an issue). Whoever cannot see the resource gets NOT_FOUND.
const table: [Persona, keyof typeof places, Outcome][] = [
  ['john', 'organization', 'allowed'],
  ['paul', 'organization', 'FORBIDDEN'],
  ['bill', 'organization', 'FORBIDDEN'],
  ['ringo', 'organization', 'FORBIDDEN'],
  ['randall', 'organization', 'NOT_FOUND'],
  ['mike', 'organization', 'NOT_FOUND'],
  ['nobody', 'organization', 'NOT_FOUND'],
  ['anonymous', 'organization', 'UNAUTHENTICATED'],
  ['john', 'infra', 'allowed'],
  ['george', 'infra', 'FORBIDDEN'],
  ['ringo', 'infra', 'FORBIDDEN'],
  ['bill', 'infra', 'NOT_FOUND'],
  ['randall', 'infra', 'NOT_FOUND'],
  ['john', 'abbey-road', 'allowed'],
  ['ringo', 'abbey-road', 'allowed'],
  ['paul', 'abbey-road', 'FORBIDDEN'],
  ['randall', 'abbey-road', 'FORBIDDEN'],
  ['sully', 'abbey-road', 'NOT_FOUND'],
  ['john', 'an issue of abbey-road', 'allowed'],
  ['ringo', 'an issue of abbey-road', 'allowed'],
  ['paul', 'an issue of abbey-road', 'FORBIDDEN'],
  ['randall', 'an issue of abbey-road', 'FORBIDDEN'],
];

describe('who may ask who has access', () => {
  it.each(table)('%s on %s: %s', async (persona, place, outcome) => {
    const { query, path } = places[place];
    const response = await api.gql(persona, query(permissionOf[place]));
    if (outcome === 'NOT_FOUND' || outcome === 'UNAUTHENTICATED') {
      // The resource itself is hidden (or the viewer unknown): the same answer as for a missing one.
      expect(response.errors?.map((error) => error.extensions?.code)).toContain(outcome);
      expect(JSON.stringify(response.data ?? null)).not.toContain('peopleWithAccess');
      return;
    }
    expectOutcome(response, path, outcome);
  });
});

const holdersAt = (data: unknown, path: string): Holders =>
  path.split('.').reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], data) as Holders;

describe('the answer', () => {
  it('who can read the code of infra: every holder with every path, and no one else', async () => {
    const response = await api.gql('john', places.infra.query('read_code'));
    const holders = holdersAt(response.data, places.infra.path);
    expect(response.errors).toBeUndefined();
    const rows = holders.nodes.map((holder) => [holder.user.login, holder.via.map((path) => `${path.via}:${path.role ?? ''}`).join(' + ')]);
    // john is an admin (so a maintainer); george holds ci-cd there, which lacks read_code, but is a
    // member: an explicit role replaces the default, so he does not read the code; paul and ringo
    // get the default contributor role as members. bill (billing) and randall get nothing on infra.
    expect(rows).toEqual([
      ['john', 'organization-admin:maintainer'],
      ['paul', 'default-role:contributor'],
      ['ringo', 'default-role:contributor'],
    ]);
    expect(holders.totalCount).toBe(3);
    expect(holders.nodes[0]?.via[0]?.description).toMatch(/admin of the organization, so maintainer/);
  });

  it('pages by login with cursors, the count the same on every page, and never repeats or skips anyone', async () => {
    const seen: string[] = [];
    let after = '';
    for (let page = 0; page < 10; page++) {
      const response = await api.gql('john', places.organization.query('read', `, first: 2${after}`));
      const holders = holdersAt(response.data, places.organization.path);
      expect(holders.totalCount).toBe(5);
      seen.push(...holders.nodes.map((holder) => holder.user.login));
      if (!holders.pageInfo.hasNextPage) break;
      after = `, after: ${JSON.stringify(holders.pageInfo.endCursor)}`;
    }
    expect(seen).toEqual(['bill', 'george', 'john', 'paul', 'ringo']);
  });

  it.each([
    ['first: 101', 'BAD_USER_INPUT'],
    ['first: -1', 'BAD_USER_INPUT'],
    ['after: "not a cursor"', 'BAD_USER_INPUT'],
  ])('refuses %s with %s', async (page, code) => {
    const response = await api.gql('john', places.organization.query('read', `, ${page}`));
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('refuses a permission of another resource type before anything runs', async () => {
    const response = await api.gql('john', places.organization.query('read_code'));
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lists a direct grant with its expiry while it lasts, and not once it is revoked', async () => {
    const grant = await api.gql(
      'john',
      'mutation($r: ID!, $u: ID!, $e: String!) { grantPermission(input: {userId: $u, permission: "trigger_workflow:repository", resourceId: $r, reason: "release", expiresAt: $e}) { grant { id } } }',
      { r: api.ids.infra, u: api.ids.paul, e: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    );
    expect(grant.errors).toBeUndefined();
    const grantId = (grant.data?.grantPermission as { grant: { id: string } }).grant.id;
    const during = holdersAt((await api.gql('john', places.infra.query('trigger_workflow'))).data, places.infra.path);
    const paul = during.nodes.find((holder) => holder.user.login === 'paul');
    expect(paul?.via).toEqual([
      expect.objectContaining({ via: 'grant', role: null, expiresAt: expect.stringMatching(/^20\d\d-/) as unknown }),
    ]);
    const revoked = await api.gql('john', 'mutation($g: ID!) { revokeGrant(input: {grantId: $g}) { grant { id } } }', { g: grantId });
    expect(revoked.errors).toBeUndefined();
    const after = holdersAt((await api.gql('john', places.infra.query('trigger_workflow'))).data, places.infra.path);
    expect(after.nodes.map((holder) => holder.user.login)).not.toContain('paul');
  });
});

interface HeldResource {
  resourceType: string;
  name: string;
  permissions: { permission: string; via: { via: string; role: string | null }[] }[];
}
const accessOfQuery = `query($u: ID!, $after: String) { organization(login: "beatles") { accessOf(userId: $u, first: 3, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { resourceType name permissions { permission via { via role } } } } } }`;

describe('what a person holds (accessOf)', () => {
  // Those who manage members ask about anyone; everyone who sees the organization asks about themself.
  const rows: [Persona, string, Outcome][] = [
    ['john', 'george', 'allowed'],
    ['george', 'george', 'allowed'],
    ['paul', 'george', 'FORBIDDEN'],
    ['bill', 'paul', 'FORBIDDEN'],
  ];
  it.each(rows)('%s asks about %s: %s', async (persona, about, outcome) => {
    const response = await api.gql(persona, accessOfQuery, { u: api.ids[about] });
    expectOutcome(response, 'organization.accessOf', outcome);
  });

  it.each([
    ['randall', 'NOT_FOUND'],
    ['anonymous', 'UNAUTHENTICATED'],
  ] as const)('%s, who cannot see the organization: %s', async (persona, code) => {
    const response = await api.gql(persona, accessOfQuery, { u: api.ids.randall });
    expect(response.errors?.map((error) => error.extensions?.code)).toContain(code);
    expect(response.data?.organization ?? null).toBeNull();
  });

  it('refuses an id that is not one with BAD_USER_INPUT', async () => {
    const response = await api.gql('john', accessOfQuery, { u: 'not-an-id' });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("george's access, page by page: the organization, then infra with ci-cd and abbey-road by default, then their issues", async () => {
    const held: HeldResource[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const response = await api.gql('john', accessOfQuery, { u: api.ids.george, after });
      expect(response.errors).toBeUndefined();
      const connection = (
        response.data?.organization as { accessOf: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: HeldResource[] } }
      ).accessOf;
      held.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const byName = new Map(held.map((resource) => [resource.name, resource]));
    expect(held[0]?.name).toBe('beatles');
    expect(byName.get('beatles')?.permissions.map((entry) => entry.permission)).toEqual([
      'create_repository:organization',
      'read:organization',
      'read_members:organization',
    ]);
    const infra = byName.get('beatles/infra');
    expect(infra?.permissions.find((entry) => entry.permission === 'trigger_workflow:repository')?.via).toEqual([
      { via: 'explicit', role: 'ci-cd' },
    ]);
    // ci-cd replaces the default role on infra: no read_code there.
    expect(infra?.permissions.map((entry) => entry.permission)).not.toContain('read_code:repository');
    expect(byName.get('beatles/abbey-road')?.permissions.find((entry) => entry.permission === 'read_code:repository')?.via).toEqual([
      { via: 'default-role', role: 'contributor' },
    ]);
    expect(held.filter((resource) => resource.resourceType === 'ISSUE').length).toBeGreaterThan(0);
    expect(new Set(held.map((resource) => resource.name)).size).toBe(held.length);
  });
});

/** Every page of a connection of held resources, `first` at a time, as `persona` reads it through `query`. */
async function everyPage(
  persona: Persona,
  query: string,
  path: (data: Record<string, unknown>) => unknown,
  variables: Record<string, unknown> = {},
) {
  const held: HeldResource[] = [];
  let totalCount = 0;
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const data = await api.setup(persona, query, { ...variables, after });
    const connection = path(data) as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: HeldResource[] };
    held.push(...connection.nodes);
    totalCount = connection.totalCount;
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { held, totalCount };
}

const viewerAccessQuery = `query($after: String) { viewer { access(first: 4, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { resourceType name permissions { permission via { via role } } } } } }`;

describe('what I hold, across organizations (viewer.access)', () => {
  // For each persona: the organizations they hold anything in, and accessOf about themself in each.
  it.each([
    ['john', ['beatles']],
    ['paul', ['beatles']],
    ['george', ['beatles']],
    ['mike', ['monsters']],
    ['sully', ['monsters']],
    ['nobody', []],
  ] as const)("%s's, page by page, is accessOf about themself in %j, organization after organization", async (persona, organizations) => {
    const mine = await everyPage(persona, viewerAccessQuery, (data) => (data.viewer as { access: unknown }).access);
    const expected: HeldResource[] = [];
    for (const login of organizations) {
      const { held } = await everyPage(
        persona,
        `query($u: ID!, $after: String) { organization(login: "${login}") { accessOf(userId: $u, first: 5, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { resourceType name permissions { permission via { via role } } } } } }`,
        (data) => (data.organization as { accessOf: unknown }).accessOf,
        { u: api.ids[persona] },
      );
      expected.push(...held);
    }
    expect(mine.held).toEqual(expected);
    expect(mine.totalCount).toBe(expected.length);
  });

  it('an outside collaborator sees what he holds where he cannot see the organization: randall, contributor on abbey-road', async () => {
    expectOutcome(await api.gql('randall', '{ organization(login: "beatles") { id } }'), 'organization', 'NOT_FOUND');
    const { held } = await everyPage('randall', viewerAccessQuery, (data) => (data.viewer as { access: unknown }).access);
    expect(held.map((resource) => resource.name)).toContain('beatles/abbey-road');
    expect(held.map((resource) => resource.name)).not.toContain('beatles');
    expect(
      held
        .find((resource) => resource.name === 'beatles/abbey-road')
        ?.permissions.find((entry) => entry.permission === 'read_code:repository')?.via,
    ).toEqual([{ via: 'explicit', role: 'contributor' }]);
  });

  it("is empty on anyone else, even for an admin: john reading paul's", async () => {
    const data = await api.setup('john', '{ user(login: "paul") { access(first: 10) { totalCount nodes { name } } } }');
    expect(data.user).toEqual({ access: { totalCount: 0, nodes: [] } });
  });

  it('asks for a signed-in viewer: UNAUTHENTICATED anonymously', async () => {
    const response = await api.gql('anonymous', viewerAccessQuery);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
