import { randomUUID } from 'node:crypto';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { captureLogs, type LogLine } from '../helpers/log-capture.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Structured logs, black box: persona x operation -> the one `graphql request` line and the
 * `authorization denied` lines logged under the request's id; and no password or token in any line.
 */
const logs = captureLogs();
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ logger: logs.logger });
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

const loginMutation =
  'mutation Login($email: String!, $password: String!) { login(input: {email: $email, password: $password}) { accessToken refreshToken } }';

/** How a row authenticates: as a persona (its real bearer token), or with a token that is no token. */
type Caller = Persona | 'forged token';

interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  readonly requestLine: LogLine;
  readonly denials: LogLine[];
}

/** Sends one request (its own `x-request-id` unless told otherwise) and waits for the line logged when its response is done. */
async function send(caller: Caller, body: unknown, requestId: string | null = `test-${randomUUID()}`): Promise<Sent> {
  const authorization =
    caller === 'anonymous' ? undefined : caller === 'forged token' ? 'Bearer not.a.token' : `Bearer ${await api.tokenOf(caller)}`;
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const id = requestId ?? response.headers.get('x-request-id');
  const requestLine = await vi.waitFor(() => {
    const line = logs.lines().find((entry) => entry.msg === 'graphql request' && entry.requestId === id);
    if (!line) throw new Error(`No request line for ${id} yet.`);
    return line;
  });
  const denials = logs.lines().filter((entry) => entry.msg === 'authorization denied' && entry.requestId === id);
  return { status: response.status, headers: response.headers, body: text, requestLine, denials };
}

/** A denial line as a row writes it: resource and viewer by demo name. */
interface ExpectedDenial {
  readonly coordinate: string;
  readonly permission: string;
  readonly resource: string;
  readonly outcome: 'NOT_FOUND' | 'FORBIDDEN';
}

interface Row {
  readonly name: string;
  readonly caller: Caller;
  readonly body: unknown;
  /** Expected fields of the request line; `viewer` is a demo name (or null) for `viewerId`. */
  readonly line: { viewer: string | null; operationName: string | null; status: number; outcome: string; errorCodes: string[] };
  readonly denials: readonly ExpectedDenial[];
}

const rows: Row[] = [
  {
    name: 'anonymous reads the public catalog',
    caller: 'anonymous',
    body: { query: 'query Catalog { permissionCatalog { name } }' },
    line: { viewer: null, operationName: 'Catalog', status: 200, outcome: 'ok', errorCodes: [] },
    denials: [],
  },
  {
    name: 'john reads who he is',
    caller: 'john',
    body: { query: 'query Me { viewer { login } }' },
    line: { viewer: 'john', operationName: 'Me', status: 200, outcome: 'ok', errorCodes: [] },
    denials: [],
  },
  {
    name: 'anonymous asks for the viewer',
    caller: 'anonymous',
    body: { query: 'query Me { viewer { login } }' },
    line: { viewer: null, operationName: 'Me', status: 401, outcome: 'refused', errorCodes: ['UNAUTHENTICATED'] },
    denials: [],
  },
  {
    name: 'george reads the code of infra (his custom role lacks read_code)',
    caller: 'george',
    body: { query: 'query Readme { repository(owner: "beatles", name: "infra") { name readme } }' },
    line: { viewer: 'george', operationName: 'Readme', status: 200, outcome: 'errors', errorCodes: ['FORBIDDEN'] },
    denials: [{ coordinate: 'Repository.readme', permission: 'read_code:repository', resource: 'infra', outcome: 'FORBIDDEN' }],
  },
  {
    name: 'nobody asks for a repository of an organization they are not in',
    caller: 'nobody',
    body: { query: 'query Repo { repository(owner: "beatles", name: "abbey-road") { name } }' },
    line: { viewer: 'nobody', operationName: 'Repo', status: 200, outcome: 'errors', errorCodes: ['NOT_FOUND'] },
    denials: [{ coordinate: 'Query.repository', permission: 'read:repository', resource: 'abbey-road', outcome: 'NOT_FOUND' }],
  },
  {
    name: "paul asks why john has access (a resolver's own check: manage_members)",
    caller: 'paul',
    body: {
      query:
        'query Why($user: ID!, $on: ID!) { explainAccess(userId: $user, permission: "read:organization", resourceId: $on) { allowed } }',
      variables: ['john', 'beatles'],
    },
    line: { viewer: 'paul', operationName: 'Why', status: 200, outcome: 'errors', errorCodes: ['FORBIDDEN'] },
    denials: [
      {
        coordinate: 'resolver:manage_members:organization',
        permission: 'manage_members:organization',
        resource: 'beatles',
        outcome: 'FORBIDDEN',
      },
    ],
  },
  {
    name: 'anonymous signs in',
    caller: 'anonymous',
    body: { query: loginMutation, variables: { email: demoEmail('ringo'), password: demoPassword } },
    line: { viewer: null, operationName: 'Login', status: 200, outcome: 'ok', errorCodes: [] },
    denials: [],
  },
  {
    name: 'a forged bearer token',
    caller: 'forged token',
    body: { query: 'query Me { viewer { login } }' },
    line: { viewer: null, operationName: null, status: 401, outcome: 'refused', errorCodes: [] },
    denials: [],
  },
  {
    name: 'a body that is not JSON',
    caller: 'anonymous',
    body: '{"query": ',
    line: { viewer: null, operationName: null, status: 400, outcome: 'refused', errorCodes: ['BAD_REQUEST'] },
    denials: [],
  },
];

/** Variables given as demo names (`['john', 'beatles']` -> `{ user, on }` ids), so rows can be written before the server starts. */
function bodyOf(row: Row): unknown {
  const body = row.body as { variables?: unknown } | string;
  if (typeof body === 'string' || !Array.isArray(body.variables)) return body;
  const [user, on] = body.variables as string[];
  return { ...body, variables: { user: api.ids[user as string], on: api.ids[on as string] } };
}

describe('one request line, and a line per denial, per persona x operation', () => {
  it.each(rows)('$name', async (row) => {
    const requestId = `test-${randomUUID()}`;
    const sent = await send(row.caller, bodyOf(row), requestId);
    expect(sent.status).toBe(row.line.status);
    expect(sent.headers.get('x-request-id')).toBe(requestId);
    expect(sent.requestLine).toMatchObject({
      level: 'info',
      requestId,
      viewerId: row.line.viewer && api.ids[row.line.viewer],
      operationName: row.line.operationName,
      method: 'POST',
      status: row.line.status,
      outcome: row.line.outcome,
      errorCount: row.line.errorCodes.length,
      errorCodes: row.line.errorCodes,
    });
    expect(sent.requestLine.durationMs).toEqual(expect.any(Number));
    expect(sent.denials).toEqual(
      row.denials.map((denial) => ({
        level: 'info',
        time: expect.any(String),
        pid: process.pid,
        hostname: expect.any(String),
        msg: 'authorization denied',
        requestId,
        viewerId: row.line.viewer && api.ids[row.line.viewer],
        coordinate: denial.coordinate,
        permission: denial.permission,
        resourceType: denial.permission.split(':')[1],
        resourceId: api.ids[denial.resource],
        outcome: denial.outcome,
      })),
    );
  });
});

describe('request ids', () => {
  it('makes one up when the client sends none, and echoes it', async () => {
    const sent = await send('anonymous', { query: '{ builtInRoles { name } }' }, null);
    const given = sent.headers.get('x-request-id');
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.requestLine.requestId).toBe(given);
  });

  it('replaces an x-request-id that does not look like an id', async () => {
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'a b"c' },
      body: JSON.stringify({ query: '{ builtInRoles { name } }' }),
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('an unexpected error', () => {
  it('is logged with its stack under the request id, while the client sees only INTERNAL_SERVER_ERROR', async () => {
    const schema = makeExecutableSchema({
      typeDefs: 'type Query { boom: String }',
      resolvers: { Query: { boom: () => Promise.reject(new Error('The disk at 10.0.0.5 is on fire.')) } },
    });
    const broken = await startTestServer({ schema, logger: logs.logger });
    try {
      const requestId = `test-${randomUUID()}`;
      const response = await fetch(broken.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ query: 'query Boom { boom }' }),
      });
      expect(await response.json()).toEqual({
        data: { boom: null },
        errors: [
          {
            message: 'Internal server error.',
            locations: [{ line: 1, column: 14 }],
            path: ['boom'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      });
      const mine = await vi.waitFor(() => {
        const lines = logs.lines().filter((line) => line.requestId === requestId);
        if (!lines.some((line) => line.msg === 'graphql request')) throw new Error('No request line yet.');
        return lines;
      });
      expect(mine).toEqual([
        expect.objectContaining({
          level: 'error',
          msg: 'unexpected error',
          operationName: 'Boom',
          path: 'boom',
          err: expect.objectContaining({ message: 'The disk at 10.0.0.5 is on fire.', stack: expect.stringContaining('Error: The disk') }),
        }),
        expect.objectContaining({ msg: 'graphql request', status: 200, outcome: 'errors', errorCodes: ['INTERNAL_SERVER_ERROR'] }),
      ]);
    } finally {
      await broken.stop();
    }
  });
});

describe('never in a log line', () => {
  it('the password of a login, nor the tokens it returns', async () => {
    const sent = await send('anonymous', { query: loginMutation, variables: { email: demoEmail('sully'), password: demoPassword } });
    const { accessToken, refreshToken } = (JSON.parse(sent.body) as { data: { login: { accessToken: string; refreshToken: string } } }).data
      .login;
    expect(sent.requestLine.operationName).toBe('Login');
    expect(logs.text()).not.toContain(demoPassword);
    expect(logs.text()).not.toContain(accessToken);
    expect(logs.text()).not.toContain(refreshToken);
  });

  it('the bearer token of a request, good or forged', async () => {
    const token = await api.tokenOf('mike');
    const sent = await send('mike', { query: 'query Me { viewer { login } }' });
    expect(sent.requestLine.viewerId).toBe(api.ids.mike);
    await send('forged token', { query: '{ viewer { login } }' });
    expect(logs.text()).not.toContain(token);
    expect(logs.text()).not.toContain('not.a.token');
    expect(logs.text()).not.toMatch(/bearer/i);
  });

  it('what someone logs by mistake under a secret name (redaction)', () => {
    const mistakes = captureLogs();
    mistakes.logger.info(
      {
        headers: { authorization: 'Bearer leaked-token' },
        variables: { password: 'leaked-password' },
        input: { password: 'leaked-password', refreshToken: 'leaked-refresh' },
      },
      'a careless line',
    );
    expect(mistakes.text()).not.toMatch(/leaked/);
    expect(mistakes.lines()[0]).toMatchObject({
      headers: { authorization: '[redacted]' },
      variables: '[redacted]',
      input: { password: '[redacted]', refreshToken: '[redacted]' },
    });
  });
});
