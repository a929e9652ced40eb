import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Query limits refuse an operation before anything executes (HTTP 400, QUERY_TOO_COMPLEX, no SQL
 * sent), batches and bodies over their limits are refused before GraphQL sees them, and
 * introspection and "Did you mean" suggestions follow the configuration.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

/** What reaches the server as john, with the SQL statements it caused (none at all when refused before execution). */
async function asJohn(
  body: unknown,
): Promise<{ status: number; errors: readonly GraphQLFormattedError[] | undefined; data: unknown; sql: number }> {
  // Signed in and his versions cached, so that authenticating sends no SQL of its own.
  await api.gql('john', '{ viewer { login } }');
  api.queries.reset();
  const response = await api.send(`Bearer ${await api.tokenOf('john')}`, body);
  return { status: response.status, errors: response.errors, data: response.data, sql: api.queries.count };
}

/** `organization { repositories(first: 1) { nodes { organization { ...` repeated: 3 levels a time, costing little. */
const nested = (times: number, innermost: string) =>
  `{ organization(login: "beatles") { ${'repositories(first: 1) { nodes { organization { '.repeat(times)}${innermost}${' } } }'.repeat(times)} } }`;
const aliased = (count: number, field: (index: number) => string) => Array.from({ length: count }, (_, index) => field(index)).join(' ');
const issuesOfRepositories = (issueFields: string) =>
  `{ organization(login: "beatles") { repositories(first: 100) { nodes { issues(first: 100) { nodes { ${issueFields} } } } } } }`;

describe('operations over a limit are refused before anything executes', () => {
  const cases: [string, string, Record<string, unknown> | undefined, string, number][] = [
    // 3 × 3 + 1, then repositories, nodes, name: 13 levels.
    ['too deep (13 levels)', nested(3, 'repositories(first: 1) { nodes { name } }'), undefined, 'depth', 12],
    ['too many aliases (31)', `{ viewer { ${aliased(31, (index) => `a${index}: login`)} } }`, undefined, 'aliases', 30],
    [
      'too many aliases through a fragment spread twice',
      `{ viewer { ...names } me: viewer { ...names } } fragment names on User { ${aliased(15, (index) => `a${index}: login`)} }`,
      undefined,
      'aliases',
      30,
    ],
    ['too many root fields (21)', `{ ${aliased(21, (index) => `r${index}: viewer { login }`)} }`, undefined, 'rootFields', 20],
    [
      'too costly (100 repositories × 100 issues × 7 fields)',
      issuesOfRepositories('id number title body state author { login }'),
      undefined,
      'cost',
      50_000,
    ],
    [
      'too costly with page sizes from variables (counted as this request gives them)',
      `query($n: Int) { organization(login: "beatles") { repositories(first: $n) { nodes { issues(first: $n) { nodes { id number title body state author { login } } } } } } }`,
      { n: 100 },
      'cost',
      50_000,
    ],
    [
      'too costly with a variable left out, its default large',
      `query($n: Int = 100) { organization(login: "beatles") { repositories(first: $n) { nodes { issues(first: $n) { nodes { id number title body state author { login } } } } } } }`,
      {},
      'cost',
      50_000,
    ],
    [
      'too costly with a variable that is no integer (counted as the largest page)',
      `query($n: Int) { organization(login: "beatles") { repositories(first: $n) { nodes { issues(first: 100) { nodes { id number title body state author { login } } } } } } }`,
      { n: 'many' },
      'cost',
      50_000,
    ],
    [
      'too costly through unpaginated lists (20 each)',
      `{ viewer { organizations { organization { repositories(first: 100) { nodes { collaborators { user { login name } role { name permissions } } } } } } } }`,
      undefined,
      'cost',
      50_000,
    ],
  ];
  // Sent twice: the second time the document (and, without variables, its cost) is one the server has seen.
  it.each(cases)('%s', async (_name, query, variables, limit, maximum) => {
    for (const _attempt of [1, 2]) {
      const response = await asJohn({ query, variables });
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.limit, error.extensions?.maximum])).toEqual([
        ['QUERY_TOO_COMPLEX', limit, maximum],
      ]);
      expect(response.errors?.[0]?.extensions?.actual).toBeGreaterThan(maximum);
      expect(response.sql).toBe(0);
    }
  });

  it('names the operation and the limit in the message', async () => {
    const response = await asJohn({ query: `query Wide { viewer { ${aliased(31, (index) => `a${index}: login`)} } }` });
    expect(response.errors?.[0]?.message).toBe('Operation "Wide" uses 31 aliases; the most allowed is 30.');
  });

  it("refuses introspection nested in circles (graphql's MaxIntrospectionDepthRule)", async () => {
    const response = await asJohn({
      query: '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }',
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.sql).toBe(0);
  });
});

describe('requests over a limit are refused before GraphQL sees them', () => {
  it.each([
    [
      'a batch while batching is off',
      [{ query: '{ viewer { login } }' }, { query: '{ organization(login: "beatles") { name } }' }],
      400,
      'BAD_REQUEST',
    ],
    [
      'a body over 1 MB',
      { query: '{ organization(login: "beatles") { name } }', variables: { padding: 'x'.repeat(1024 * 1024) } },
      413,
      'REQUEST_TOO_LARGE',
    ],
  ] as const)('%s', async (_name, body, status, code) => {
    const response = await asJohn(body);
    expect(response.status).toBe(status);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual([code]);
    expect(response.sql).toBe(0);
  });
});

describe('operations within the limits run', () => {
  const cases: [string, string, Record<string, unknown> | undefined][] = [
    ['12 levels deep', nested(3, 'repositories(first: 1) { totalCount }'), undefined],
    ['30 aliases', `{ viewer { ${aliased(30, (index) => `a${index}: login`)} } }`, undefined],
    ['20 root fields', `{ ${aliased(20, (index) => `r${index}: organization(login: "beatles") { name }`)} }`, undefined],
    ['100 repositories × 100 issues × 2 fields', issuesOfRepositories('id title'), undefined],
    [
      '100 repositories with several fields each (the shape of the bench list)',
      `{ organization(login: "beatles") { repositories(first: 100) { totalCount nodes { name nameWithOwner readme viewerPermissions viewerRole { name } collaborators { user { login } role { name } } workflowRuns(first: 2) { totalCount nodes { workflow triggeredBy { login } } } } } } }`,
      undefined,
    ],
    [
      'a page size from a variable',
      'query($n: Int) { organization(login: "beatles") { repositories(first: $n) { nodes { issues(first: $n) { nodes { id title } } } } } }',
      { n: 5 },
    ],
    [
      'pages of 5 from variables with many fields (counted as 100 each before: 60,403)',
      `query($n: Int, $m: Int) { organization(login: "beatles") { repositories(first: $n) { nodes { name issues(first: $m) { totalCount nodes { id number title body state author { login } } } } } } }`,
      { n: 5, m: 5 },
    ],
    [
      'a variable left out: the default page',
      `query($n: Int) { organization(login: "beatles") { repositories(first: $n) { nodes { issues(first: $n) { nodes { id title } } } } } }`,
      {},
    ],
    [
      'the same fragment spread many times',
      `{ ${aliased(10, (index) => `o${index}: organization(login: "beatles") { ...org }`)} } fragment org on Organization { name repositories(first: 10) { nodes { name } } }`,
      undefined,
    ],
  ];
  it.each(cases)('%s', async (_name, query, variables) => {
    for (const _attempt of [1, 2]) {
      const response = await asJohn({ query, variables });
      expect(response.errors).toBeUndefined();
      expect(response.status).toBe(200);
      // The counter sees execution: the refusals above would have shown it.
      expect(response.sql).toBeGreaterThan(0);
    }
  });
});

describe('NODE_ENV=production, QUERY_MAX_BATCH=3', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({}, { NODE_ENV: 'production', QUERY_MAX_BATCH: '3' });
  }, 120_000);
  afterAll(async () => {
    await production?.stop();
  });

  const batch = (size: number) =>
    Array.from({ length: size }, (_, index) => ({ query: `{ builtInRoles { name } n${index}: __typename }` }));
  const sendBatch = async (server: TestServer, size: number) => {
    server.queries.reset();
    const response = await fetch(server.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch(size)),
    });
    return { status: response.status, body: (await response.json()) as unknown, sql: server.queries.count };
  };

  it('runs a batch of up to 3 operations', async () => {
    const response = await sendBatch(production, 3);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(3);
    expect(response.sql).toBeGreaterThan(0);
  });
  it('refuses a batch of 4 before any runs', async () => {
    const response = await sendBatch(production, 4);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'A batched request may hold at most 3 operations; this one holds 4.', extensions: { code: 'BATCH_TOO_LARGE' } }],
    });
    expect(response.sql).toBe(0);
  });

  const introspection = '{ __schema { queryType { name } } }';
  it('answers introspection in development', async () => {
    const response = await api.send(undefined, { query: introspection });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
  it('refuses introspection in production', async () => {
    const response = await production.send(undefined, { query: introspection });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toBe(
      'Introspection (__schema, __type) is off on this server: GRAPHQL_INTROSPECTION=true turns it on (it is off by default with NODE_ENV=production).',
    );
  });
  it('tells a browser opening /graphql in production that the explorer is off, and which setting turns it on', async () => {
    const response = await fetch(production.server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('GRAPHQL_EXPLORER=true turns it on');
  });
  it('still answers __typename in production', async () => {
    const response = await production.send(undefined, { query: '{ __typename }' });
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  describe.each([
    [
      'a misspelt field',
      { query: '{ builtInRole { name } }' },
      'Cannot query field "builtInRole" on type "Query".',
      ' Did you mean "builtInRoles"?',
    ],
    [
      'a misspelt enum value in variables',
      {
        query: 'query($s: IssueState) { organization(login: "beatles") { repositories { nodes { issues(state: $s) { totalCount } } } } }',
        variables: { s: 'OPN' },
      },
      'Variable "$s" got invalid value "OPN"; Value "OPN" does not exist in "IssueState" enum.',
      ' Did you mean the enum value "OPEN"?',
    ],
  ])('"Did you mean" suggestions for %s', (_name, body, message, suggestion) => {
    it('are given in development', async () => {
      const response = await api.send(undefined, body);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.message).toBe(message + suggestion);
    });
    it('are left out in production', async () => {
      const response = await production.send(undefined, body);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.message).toBe(message);
    });
  });
});

describe('configuration', () => {
  it('has defaults that fit the existing queries', () => {
    const config = loadConfig({});
    expect(config.queryLimits).toEqual({ maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxCost: 50_000, maxBatch: 1 });
    expect(config.httpBodyLimitBytes).toBe(1024 * 1024);
    expect([config.introspection, config.suggestions]).toEqual([true, true]);
  });
  it.each([
    [{ NODE_ENV: 'production' }, false, false],
    [{ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }, true, false],
    [{ NODE_ENV: 'production', GRAPHQL_SUGGESTIONS: 'true' }, false, true],
    [{ NODE_ENV: 'test' }, true, true],
    [{ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_SUGGESTIONS: 'false' }, false, false],
  ])('%o: introspection %s, suggestions %s', (env, introspection, suggestions) => {
    const config = loadConfig(env);
    expect([config.introspection, config.suggestions]).toEqual([introspection, suggestions]);
  });
  it.each([
    ['QUERY_MAX_DEPTH', '20', { maxDepth: 20 }],
    ['QUERY_MAX_ALIASES', '0', { maxAliases: 0 }],
    ['QUERY_MAX_ROOT_FIELDS', '5', { maxRootFields: 5 }],
    ['QUERY_MAX_COST', '1000000', { maxCost: 1_000_000 }],
    ['QUERY_MAX_BATCH', '10', { maxBatch: 10 }],
  ])('%s=%s is taken', (name, value, expected) => {
    expect(loadConfig({ [name]: value }).queryLimits).toMatchObject(expected);
  });
  it.each([
    ['1048576', 1_048_576],
    ['512kb', 512 * 1024],
    ['2MB', 2 * 1024 * 1024],
    ['1024 b', 1024],
  ])('HTTP_BODY_LIMIT=%s is %i bytes', (value, bytes) => {
    expect(loadConfig({ HTTP_BODY_LIMIT: value }).httpBodyLimitBytes).toBe(bytes);
  });
  it.each([
    ['QUERY_MAX_DEPTH', '0'],
    ['QUERY_MAX_DEPTH', 'deep'],
    ['QUERY_MAX_DEPTH', '12.5'],
    ['QUERY_MAX_ALIASES', '-1'],
    ['QUERY_MAX_ROOT_FIELDS', '0'],
    ['QUERY_MAX_COST', 'lots'],
    ['QUERY_MAX_COST', '0'],
    ['QUERY_MAX_BATCH', '0'],
    ['HTTP_BODY_LIMIT', 'big'],
    ['HTTP_BODY_LIMIT', '1gb'],
    ['HTTP_BODY_LIMIT', '200mb'],
    ['HTTP_BODY_LIMIT', '100'],
    ['HTTP_BODY_LIMIT', '-1mb'],
    ['GRAPHQL_INTROSPECTION', 'yes'],
    ['GRAPHQL_SUGGESTIONS', '1'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} `));
  });
});
