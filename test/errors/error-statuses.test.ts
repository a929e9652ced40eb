// Each HTTP status the error catalog gives a code is what the server answers with that code: a row
// per (code, status), provoked against one server. A pair the catalog names without a row here must
// say where it is tested instead, so a status added to the catalog fails this test until it is.
import type { Request, Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog } from '../../src/errors/error-catalog.js';
import type { DemoLogin } from '../../src/gitclub/demo/demo-cast.js';
import { createLogger } from '../../src/http/logger.js';
import { requestErrors } from '../../src/http/request-errors.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A request to the GraphQL endpoint: the method, headers and body, and whose token it carries. */
interface Provocation {
  readonly method?: 'GET' | 'POST';
  readonly as?: DemoLogin;
  readonly headers?: Record<string, string>;
  /** A JSON body (stringified), or the body's text as it is. */
  readonly body?: unknown;
  readonly search?: Record<string, string>;
}

const json = (query: string, variables?: Record<string, unknown>) => ({ body: { query, ...(variables ? { variables } : {}) } });

const rows: { code: string; status: number; what: string; request: Provocation }[] = [
  {
    code: 'UNAUTHENTICATED',
    status: 401,
    what: 'an unusable token',
    request: { ...json('{ viewer { id } }'), headers: { authorization: 'Bearer nonsense' } },
  },
  {
    code: 'UNAUTHENTICATED',
    status: 200,
    what: 'a wrong login by someone signed in',
    request: { ...json('mutation { login(input: {email: "john@gitclub.test", password: "wrong"}) { accessToken } }'), as: 'john' },
  },
  {
    code: 'NOT_FOUND',
    status: 200,
    what: 'a repository that does not exist',
    request: { ...json('{ repository(owner: "beatles", name: "nope") { id } }'), as: 'john' },
  },
  {
    code: 'FORBIDDEN',
    status: 200,
    what: 'the code of a repository one sees but cannot read',
    request: { ...json('{ repository(owner: "beatles", name: "infra") { readme } }'), as: 'george' },
  },
  {
    code: 'RATE_LIMITED',
    status: 429,
    what: 'a second failed login for one email (RATE_LIMIT_LOGIN_PER_EMAIL=1)',
    request: json('mutation { login(input: {email: "guess@gitclub.test", password: "wrong"}) { accessToken } }'),
  },
  {
    code: 'BAD_USER_INPUT',
    status: 200,
    what: 'a string over its maximum',
    request: { ...json(`{ organization(login: "${'x'.repeat(200)}") { id } }`), as: 'john' },
  },
  {
    code: 'BAD_USER_INPUT',
    status: 400,
    what: 'a variable of the wrong type',
    request: json('query($login: String!) { organization(login: $login) { id } }', { login: 5 }),
  },
  {
    code: 'QUERY_TOO_COMPLEX',
    status: 400,
    what: 'more root fields than QUERY_MAX_ROOT_FIELDS=2',
    request: json('{ a: __typename b: __typename c: __typename }'),
  },
  { code: 'GRAPHQL_PARSE_FAILED', status: 400, what: 'a document that does not parse', request: json('{') },
  { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, what: 'an unknown field', request: json('{ nope }') },
  {
    code: 'OPERATION_RESOLUTION_FAILURE',
    status: 400,
    what: 'two operations, none named',
    request: json('query A { __typename } query B { __typename }'),
  },
  {
    code: 'PERSISTED_QUERY_NOT_FOUND',
    status: 200,
    what: 'an unseen persisted-query hash',
    request: { body: { extensions: { persistedQuery: { version: 1, sha256Hash: '1'.repeat(64) } } } },
  },
  {
    code: 'BATCH_TOO_LARGE',
    status: 400,
    what: 'a batch of 3 (QUERY_MAX_BATCH=2)',
    request: { body: [0, 1, 2].map(() => ({ query: '{ __typename }' })) },
  },
  {
    code: 'REQUEST_TOO_LARGE',
    status: 413,
    what: 'a body over HTTP_BODY_LIMIT=1kb',
    request: json('{ __typename }', { padding: 'x'.repeat(2048) }),
  },
  {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    what: 'a JSON body in latin1',
    request: { ...json('{ __typename }'), headers: { 'content-type': 'application/json; charset=latin1' } },
  },
  { code: 'BAD_REQUEST', status: 400, what: 'a body that is not JSON', request: { body: '{"query":' } },
  {
    code: 'BAD_REQUEST',
    status: 405,
    what: 'a mutation over GET',
    request: { method: 'GET', search: { query: 'mutation { logout { ok } }' } },
  },
];

/** The (code, status) pairs of the catalog tested elsewhere, not by a row here: where, and why. */
const testedElsewhere: Record<string, string> = {
  'SERVICE_UNAVAILABLE 503':
    'needs the session store or the database down: test/auth/session-store.test.ts, test/db/database-faults.test.ts (PostgreSQL)',
  'IDEMPOTENCY_KEY_REUSED 422': 'needs a key sent twice: test/idempotency/idempotency-keys.test.ts',
  'IDEMPOTENCY_KEY_IN_USE 409': 'needs a first attempt still running: test/idempotency/idempotency-keys.test.ts',
  'IDEMPOTENCY_KEY_IN_USE 200': 'needs an attempt outliving its lease: test/idempotency/idempotency-keys.test.ts',
  'ALREADY_APPLIED 200': 'needs a committed key without its answer: test/idempotency/idempotency-keys.test.ts',
  'SERVICE_UNAVAILABLE 200': 'needs the session store down: test/auth/session-store.test.ts',
  'FORBIDDEN 403': 'the AuthZEN API, not GraphQL: test/authzen/authzen-endpoints.test.ts ("who may call")',
  'NOT_FOUND 404': 'bundles the explorer first (seconds): test/http/explorer.test.ts',
  'INTERNAL_SERVER_ERROR 200': 'needs a failing resolver: test/http/request-logging.test.ts, test/db/database-faults.test.ts',
  'INTERNAL_SERVER_ERROR 500': 'needs a failure inside the server before GraphQL: the last test below, on the handler alone',
  'SUBSCRIPTION_LIMIT 200': 'over WebSocket, where no HTTP status is sent: test/subscriptions/limits.test.ts',
  'SUBSCRIPTION_LIMIT 429':
    'a WebSocket upgrade, on a server with a low WS_MAX_CONNECTIONS_PER_IP: test/subscriptions/connections-per-ip.test.ts',
};

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer(
    {},
    { RATE_LIMIT_LOGIN_PER_EMAIL: '1', QUERY_MAX_ROOT_FIELDS: '2', QUERY_MAX_BATCH: '2', HTTP_BODY_LIMIT: '1kb' },
  );
});
afterAll(async () => {
  await api?.stop();
});

async function send({ method = 'POST', as, headers = {}, body, search }: Provocation): Promise<{ status: number; codes: unknown[] }> {
  const url = new URL(api.server.url);
  for (const [name, value] of Object.entries(search ?? {})) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method,
    headers: {
      ...(method === 'POST' ? { 'content-type': 'application/json' } : { accept: 'application/json' }),
      ...(as ? { authorization: `Bearer ${await api.tokenOf(as)}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, codes: (answer.errors ?? []).map((error) => error.extensions?.code) };
}

describe('the HTTP status of each code', () => {
  it.each(rows)('$code $status: $what', async ({ code, status, request }) => {
    // The rate limit counts the first failure; the second is refused.
    if (code === 'RATE_LIMITED') await send(request);
    expect(await send(request)).toEqual({ status, codes: [code] });
  });

  it('INTERNAL_SERVER_ERROR 500: an unexpected failure before GraphQL runs', () => {
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      headersSent: false,
      status: (status: number) => ((sent.status = status), response),
      json: (body: unknown) => ((sent.body = body), response),
    };
    requestErrors(createLogger('silent'))(new Error('boom'), {} as Request, response as unknown as Response, () => {});
    expect(sent).toEqual({
      status: 500,
      body: { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    });
  });

  it('has a row, or a test elsewhere, for every status the catalog gives a code', () => {
    const pairs = Object.entries(errorCatalog).flatMap(([code, { status }]) => status.map((one) => `${code} ${one}`));
    const covered = new Set([...rows.map(({ code, status }) => `${code} ${status}`), ...Object.keys(testedElsewhere)]);
    expect(pairs.filter((pair) => !covered.has(pair))).toEqual([]);
    expect([...covered].filter((pair) => !pairs.includes(pair))).toEqual([]);
  });
});
