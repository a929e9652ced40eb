import { Buffer } from 'node:buffer';
import { GraphQLError, parse, type GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { formatError } from '../../src/http/format-error.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Hostile input gets a client error with a code saying what is wrong, never INTERNAL_SERVER_ERROR
 * or a raw internal message: forged cursors, instants PostgreSQL cannot hold, a persisted query
 * whose hash does not match, documents and variables nested thousands deep. And the server still
 * answers normally afterwards.
 */
let api: TestServer;
/** The document limits at the most the configuration allows: what they let through must still answer cleanly. */
let widest: TestServer;
beforeAll(async () => {
  [api, widest] = await Promise.all([startTestServer(), startTestServer({}, { QUERY_MAX_NESTING: '500', QUERY_MAX_TOKENS: '1000000' })]);
  // Two entries in the audit log and two workflow runs, so that both newest-first lists have a second page.
  for (const role of ['billing', 'member']) {
    await api.setup(
      'john',
      'mutation($o: ID!, $u: ID!, $r: String!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
      { o: api.ids.beatles, u: api.ids.paul, r: role },
    );
  }
  for (const workflow of ['build', 'deploy']) {
    await api.setup(
      'john',
      'mutation($r: ID!, $w: String!) { triggerWorkflow(input: {repositoryId: $r, workflow: $w}) { workflowRun { id } } }',
      { r: api.ids['abbey-road'], w: workflow },
    );
  }
}, 120_000);
afterAll(async () => {
  await Promise.all([api?.stop(), widest?.stop()]);
});

interface Answer {
  readonly status: number;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
  readonly data: Record<string, unknown> | null | undefined;
}

/** Sends a body as given (some bodies here nest too deeply for JSON.stringify), as john. */
async function post(server: TestServer, body: string): Promise<Answer> {
  const response = await fetch(server.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.tokenOf('john')}` },
    body,
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
/** `open` inner `close`, `times` deep, as text. */
const nested = (open: string, inner: string, close: string, times: number) => `${open.repeat(times)}${inner}${close.repeat(times)}`;
/** The status and every error's code, with the `argument` it names when it names one. */
const outcome = (answer: Answer) => [
  answer.status,
  answer.errors?.map((error) => [error.extensions?.code, error.extensions?.argument].filter(Boolean)),
];

const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const someId = '7f1c8d6e-2b4a-4c3d-9e8f-0a1b2c3d4e5f';
const lists = {
  auditLog: (after: string) =>
    json(
      'query($a: String) { organization(login: "beatles") { auditLog(first: 1, after: $a) { nodes { action } pageInfo { endCursor } } } }',
      { a: after },
    ),
  workflowRuns: (after: string) =>
    json(
      'query($a: String) { repository(owner: "beatles", name: "abbey-road") { workflowRuns(first: 1, after: $a) { nodes { workflow } pageInfo { endCursor } } } }',
      { a: after },
    ),
  members: (after: string) =>
    json(
      'query($a: String) { organization(login: "beatles") { members(first: 1, after: $a) { nodes { user { login } } pageInfo { endCursor } } } }',
      { a: after },
    ),
  repositories: (after: string) =>
    json(
      'query($a: String) { organization(login: "beatles") { repositories(first: 1, after: $a) { nodes { name } pageInfo { endCursor } } } }',
      { a: after },
    ),
  issues: (after: string) =>
    json(
      'query($a: String) { repository(owner: "beatles", name: "abbey-road") { issues(first: 1, after: $a) { nodes { number } pageInfo { endCursor } } } }',
      { a: after },
    ),
};

describe('a forged cursor is BAD_USER_INPUT naming "after"', () => {
  /** Not what `encodeCursor` writes, on any list. */
  const forgedOnEveryList: [string, string][] = [
    ['empty', ''],
    ['not base64', '%%% not a cursor %%%'],
    ['base64 padding after a cursor', `${cursor(`c:2020-01-01T00:00:00.000Z|${someId}`)}=`],
    ['standard base64 ("+" and "/")', Buffer.from([...Buffer.from('c:'), 0xfb, 0xff]).toString('base64')],
    ['base64 of garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]).toString('base64url')],
    ['invalid UTF-8 (an encoded lone surrogate)', Buffer.from([...Buffer.from('c:ab'), 0xed, 0xa0, 0x80]).toString('base64url')],
    ['JSON with wrong types', cursor('{"createdAt":true,"id":1e400}')],
    ['far too long', cursor(`c:${'a'.repeat(5000)}`)],
    ['a NUL byte', cursor('c:abbey\u0000road')],
    ['a NUL byte after the id', cursor(`c:2020-01-01T00:00:00.000Z|${someId}\u0000`)],
    ['only the prefix', cursor('c:')],
  ];
  /** Well-formed cursors, but not a `newestFirstKey`: the audit log and workflow runs refuse them. */
  const forgedNewestFirst: [string, string][] = [
    ['a prefix and JSON with wrong types', cursor('c:{"createdAt":[],"id":{}}')],
    ['a huge number', cursor(`c:${'9'.repeat(250)}`)],
    ['a time and no id', cursor('c:2020-01-01T00:00:00.000Z')],
    ['a valid time and a non-UUID id', cursor('c:2020-01-01T00:00:00.000Z|------------------------------------')],
    ['a valid time and an id of letters', cursor('c:2020-01-01T00:00:00.000Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz')],
    ['a valid time and an id in capitals', cursor(`c:2020-01-01T00:00:00.000Z|${someId.toUpperCase()}`)],
    ["a time past JavaScript's range", cursor(`c:+275760-09-13T00:00:00.000Z|${someId}`)],
    ['year 0', cursor(`c:0000-01-01T00:00:00.000Z|${someId}`)],
    ['a time before 1970', cursor(`c:1969-12-31T23:59:59.999Z|${someId}`)],
    ['a day that does not exist', cursor(`c:2023-02-29T00:00:00.000Z|${someId}`)],
    ['a time not as toISOString writes it', cursor(`c:2020-01-01T00:00:00Z|${someId}`)],
  ];
  const rows = [
    ...Object.keys(lists).flatMap((list) => forgedOnEveryList.map(([name, after]) => [list, name, after] as const)),
    ...['auditLog', 'workflowRuns'].flatMap((list) => forgedNewestFirst.map(([name, after]) => [list, name, after] as const)),
  ];
  it.each(rows)('%s: %s', async (list, _name, after) => {
    const answer = await post(api, lists[list as keyof typeof lists](after));
    expect(outcome(answer)).toEqual([200, [['BAD_USER_INPUT', 'after']]]);
  });

  it.each(Object.keys(lists))('%s: an endCursor it issued still pages', async (list) => {
    const page = (after: string | null) => post(api, lists[list as keyof typeof lists](after as string));
    const first = await page(null);
    const endCursor = JSON.stringify(first.data).match(/"endCursor":"([^"]+)"/)?.[1];
    expect(endCursor, JSON.stringify(first)).toBeDefined();
    expect(outcome(await page(endCursor as string))).toEqual([200, undefined]);
  });
});

describe('an instant argument outside 1970 to 9999, or not ISO 8601 with a zone, is BAD_USER_INPUT naming it', () => {
  const auditLog = (filter: Record<string, string>) =>
    post(
      api,
      json('query($f: AuditLogFilter) { organization(login: "beatles") { auditLog(first: 1, filter: $f) { totalCount } } }', { f: filter }),
    );
  it.each([
    ['since', '0000-01-01'],
    ['since', '+275760-09-13T00:00:00Z'],
    ['until', '-001000-01-01'],
    ['until', '0099-01-01'],
    ['since', '1969-12-31T23:59:59Z'],
    ['until', '10000-01-01'],
    ['since', '2023-02-29'],
    ['since', '2024-05-01T24:00:00Z'],
    ['until', '2024-05-01T12:00:00'],
    ['until', 'March 7, 2024'],
    ['since', `2024-05-01T12:00:00Z${' '.repeat(50)}`],
  ])('%s: %j', async (field, value) => {
    expect(outcome(await auditLog({ [field]: value }))).toEqual([200, [['BAD_USER_INPUT', `filter.${field}`]]]);
  });
  it.each([
    ['since', '1970-01-01'],
    ['until', '9999-12-31T23:59:59.999Z'],
    ['since', '2024-02-29T23:00:00-01:00'],
    ['until', '2024-05-01T12:00:00.123456+02:00'],
  ])('%s: %j is taken', async (field, value) => {
    expect(outcome(await auditLog({ [field]: value }))).toEqual([200, undefined]);
  });
  // grantPermission reads its own expiresAt, but only accepts instants from now to GRANT_MAX_DAYS ahead.
  it.each(['0000-01-01', '+275760-09-13T00:00:00Z', '-001000-01-01', '9999-12-31T23:59:59.999Z'])(
    'grantPermission expiresAt: %j',
    async (expiresAt) => {
      const input = {
        userId: api.ids.paul,
        permission: 'read_billing:organization',
        resourceId: api.ids.beatles,
        reason: 'Audit',
        expiresAt,
      };
      const answer = await post(
        api,
        json('mutation($i: GrantPermissionInput!) { grantPermission(input: $i) { grant { id } } }', { i: input }),
      );
      expect(outcome(answer)).toEqual([200, [['BAD_USER_INPUT', 'input.expiresAt']]]);
    },
  );
});

describe('persisted queries', () => {
  const query = '{ viewer { login } }';
  const sha256 = async (text: string) => Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');
  it.each([
    [
      'a hash that does not match the query',
      400,
      'BAD_REQUEST',
      async () => ({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    ],
    [
      'an unknown version',
      400,
      'BAD_REQUEST',
      async () => ({ query, extensions: { persistedQuery: { version: 2, sha256Hash: await sha256(query) } } }),
    ],
    [
      'a hash this instance has not seen, without the query',
      200,
      'PERSISTED_QUERY_NOT_FOUND',
      async () => ({ extensions: { persistedQuery: { version: 1, sha256Hash: '1'.repeat(64) } } }),
    ],
  ])('%s: %i %s', async (_name, status, code, body) => {
    expect(outcome(await post(api, JSON.stringify(await body())))).toEqual([status, [[code]]]);
  });
  it('a matching hash registers the query, and the hash alone runs it afterwards', async () => {
    const persistedQuery = { version: 1, sha256Hash: await sha256(query) };
    expect((await post(api, JSON.stringify({ query, extensions: { persistedQuery } }))).data).toEqual({ viewer: { login: 'john' } });
    expect((await post(api, JSON.stringify({ extensions: { persistedQuery } }))).data).toEqual({ viewer: { login: 'john' } });
  });
});

const deepSelections = (times: number) => `{ ${nested('organization(login: "x") { ', 'id', ' }', times)} }`;
const chain = (fragments: number) =>
  `{ viewer { ...F0 } } ${Array.from({ length: fragments }, (_, index) => `fragment F${index} on User { ${index + 1 < fragments ? `...F${index + 1}` : 'login'} }`).join(' ')}`;

describe('a document over the document limits is refused before it is parsed: 400 QUERY_TOO_COMPLEX', () => {
  it.each([
    ['organization(login: "x") { nested 10,000 times', json(deepSelections(10_000))],
    ['{a{a{a... 100,000 deep', json(`{${nested('a{', 'a', '}', 100_000)}}`)],
    ['a list value nested 100,000 deep in an argument', json(`{ organization(login: ${nested('[', '"x"', ']', 100_000)}) { id } }`)],
    [
      'an input object value nested 100,000 deep in an argument',
      json(`{ organization(login: ${nested('{a: ', '"x"', '}', 100_000)}) { id } }`),
    ],
    [
      "a variable's default value nested 100,000 deep",
      json(`query($v: String = ${nested('[', '"x"', ']', 100_000)}) { viewer { login } }`),
    ],
    ['inline fragments nested 50,000 deep', json(`{ ${nested('... on Query { ', 'viewer { login }', ' }', 50_000)} }`)],
    ['nested one level past QUERY_MAX_NESTING (100)', json(`{ organization(login: ${nested('[', '"x"', ']', 99)}) { id } }`)],
    ['more than QUERY_MAX_TOKENS (15,000) tokens', json(`{ viewer { ${'login '.repeat(15_000)}} }`)],
    ['a chain of 1,001 fragments', json(chain(1001))],
  ])('%s', async (_name, body) => {
    const answer = await post(api, body);
    expect(outcome(answer)).toEqual([400, [['QUERY_TOO_COMPLEX']]]);
    expect(answer.errors?.[0]?.message).toMatch(
      /^The document (holds more than \d+ tokens|nests brackets more than \d+ deep|defines more than \d+ fragments), the most allowed\.$/,
    );
  });

  it('over GET too', async () => {
    const url = `${api.server.url}?query=${encodeURIComponent(`{${nested('a{', 'a', '}', 1000)}}`)}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await api.tokenOf('john')}` } });
    expect(outcome({ status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) })).toEqual([
      400,
      [['QUERY_TOO_COMPLEX']],
    ]);
  });
});

describe('variables nested deep in the JSON body are refused by their types: 400 BAD_USER_INPUT', () => {
  it.each([
    [
      'a list of lists for [String!]',
      `{"query":"mutation($i: CreateCustomRoleInput!) { createCustomRole(input: $i) { role { name } } }","variables":{"i":{"organizationId":"7f1c8d6e-2b4a-4c3d-9e8f-0a1b2c3d4e5f","name":"deep","resourceType":"ORGANIZATION","permissions":${nested('[', '"read:organization"', ']', 100_000)}}}}`,
    ],
    [
      'objects in objects for an input object (50,000 deep)',
      `{"query":"query($f: AuditLogFilter) { organization(login: \\"beatles\\") { auditLog(filter: $f) { totalCount } } }","variables":{"f":${nested('{"action":', '"x"', '}', 50_000)}}}`,
    ],
    [
      'objects in objects for a String',
      `{"query":"query($l: String!) { organization(login: $l) { id } }","variables":{"l":${nested('{"a":', '1', '}', 100_000)}}}`,
    ],
  ])('%s', async (_name, body) => {
    expect(outcome(await post(api, body))).toEqual([400, [['BAD_USER_INPUT']]]);
  });
});

describe('at the widest document limits the configuration allows (QUERY_MAX_NESTING=500, QUERY_MAX_TOKENS=1000000), what gets through answers cleanly', () => {
  it.each([
    ['unknown fields nested 499 deep', 400, 'GRAPHQL_VALIDATION_FAILED', undefined, json(deepSelections(499))],
    [
      'a valid path nested 500 deep',
      400,
      'QUERY_TOO_COMPLEX',
      undefined,
      json(`{ organization(login: "beatles") { ${nested('repositories(first: 1) { nodes { organization { ', 'id', ' } } }', 166)} } }`),
    ],
    [
      'a list value nested 498 deep',
      400,
      'GRAPHQL_VALIDATION_FAILED',
      undefined,
      json(`{ organization(login: ${nested('[', '"x"', ']', 498)}) { id } }`),
    ],
    [
      'an input object value nested 498 deep',
      400,
      'GRAPHQL_VALIDATION_FAILED',
      undefined,
      json(`{ organization(login: ${nested('{a: ', '"x"', '}', 498)}) { id } }`),
    ],
    [
      'inline fragments nested 498 deep',
      200,
      undefined,
      { viewer: { login: 'john' } },
      json(`{ ${nested('... on Query { ', 'viewer { login }', ' }', 498)} }`),
    ],
    ['a chain of 1,000 fragments', 200, undefined, { viewer: { login: 'john' } }, json(chain(1000))],
    [
      'the same path nested 500 deep twice (overlapping fields compared level by level)',
      400,
      'QUERY_TOO_COMPLEX',
      undefined,
      json(
        `{ ${'organization(login: "beatles") { ' + nested('repositories(first: 1) { nodes { organization { ', 'id', ' } } }', 166) + ' }'} ${'organization(login: "beatles") { ' + nested('repositories(first: 1) { nodes { organization { ', 'name', ' } } }', 166) + ' }'} }`,
      ),
    ],
    [
      'a variable default of input objects nested 498 deep',
      400,
      'GRAPHQL_VALIDATION_FAILED',
      undefined,
      json(`query($f: AuditLogFilter = ${nested('{action: ', '"x"', '}', 498)}) { viewer { login } }`),
    ],
    [
      'lists and objects alternating 498 deep in a mutation input',
      400,
      'GRAPHQL_VALIDATION_FAILED',
      undefined,
      json(
        `mutation { createCustomRole(input: {organizationId: "${'7f1c8d6e-2b4a-4c3d-9e8f-0a1b2c3d4e5f'}", name: "x", resourceType: ORGANIZATION, permissions: ${nested('[{a: ', '1', '}]', 248)}}) { role { name } } }`,
      ),
    ],
    [
      'a directive argument nested 498 deep',
      400,
      'GRAPHQL_VALIDATION_FAILED',
      undefined,
      json(`{ viewer @include(if: ${nested('[', 'true', ']', 497)}) { login } }`),
    ],
    [
      'nested one level past 500',
      400,
      'QUERY_TOO_COMPLEX',
      undefined,
      json(`{ organization(login: ${nested('[', '"x"', ']', 499)}) { id } }`),
    ],
  ])('%s: %i %s', async (_name, status, code, data, body) => {
    const answer = await post(widest, body);
    expect([answer.status, answer.errors?.[0]?.extensions?.code, answer.data]).toEqual([status, code, data]);
    expect(answer.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
  });
});

describe('QUERY_MAX_TOKENS and QUERY_MAX_NESTING', () => {
  it.each([
    [{}, { maxTokens: 15_000, maxNesting: 100 }],
    [
      { QUERY_MAX_TOKENS: '100', QUERY_MAX_NESTING: '1' },
      { maxTokens: 100, maxNesting: 1 },
    ],
    [
      { QUERY_MAX_TOKENS: '1000000', QUERY_MAX_NESTING: '500' },
      { maxTokens: 1_000_000, maxNesting: 500 },
    ],
  ])('%o is taken', (env, limits) => {
    expect(loadConfig(env).documentLimits).toEqual(limits);
  });
  it.each([
    ['QUERY_MAX_TOKENS', '99'],
    ['QUERY_MAX_TOKENS', '1000001'],
    ['QUERY_MAX_TOKENS', 'many'],
    ['QUERY_MAX_NESTING', '0'],
    ['QUERY_MAX_NESTING', '501'],
    ['QUERY_MAX_NESTING', '1.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} `));
  });
});

describe('formatError, the safety net', () => {
  it('turns a parser that ran out of call stack (as Apollo Server reports it: 400 GRAPHQL_PARSE_FAILED) into QUERY_TOO_COMPLEX', () => {
    let overflow: unknown;
    try {
      parse(`{${nested('a{', 'a', '}', 1_000_000)}}`);
    } catch (error) {
      overflow = error;
    }
    expect(overflow).toBeInstanceOf(RangeError);
    const wrapped = new GraphQLError((overflow as Error).message, {
      originalError: new GraphQLError((overflow as Error).message, { originalError: overflow as Error }),
      extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
    });
    expect(formatError({ message: wrapped.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, wrapped)).toEqual({
      message: 'The document nests too deeply to be read.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'nesting' },
    });
  });
});

describe('after all that', () => {
  it('the server answers a normal query', async () => {
    const answer = await post(api, json('{ viewer { login } organization(login: "beatles") { auditLog(first: 1) { totalCount } } }'));
    expect([answer.status, answer.errors, answer.data]).toEqual([
      200,
      undefined,
      { viewer: { login: 'john' }, organization: { auditLog: { totalCount: 2 } } },
    ]);
  });
});
