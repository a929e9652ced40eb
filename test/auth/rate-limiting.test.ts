import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';
import { startTestServer } from '../helpers/test-server.js';

/**
 * Sign-in throttling: failed logins per email and client IP, sign-in attempts (login, signUp,
 * refreshToken) per client IP, refused with RATE_LIMITED / HTTP 429 / Retry-After before any
 * password is hashed. Small limits: 3 failures per email+IP, 8 attempts per IP. Each row sends
 * from its own client IP (X-Forwarded-For, honoured behind TRUST_PROXY=1), so rows do not share counters.
 */
const limits = { RATE_LIMIT_LOGIN_PER_EMAIL: '3', RATE_LIMIT_PER_IP: '8', RATE_LIMIT_WINDOW_SECONDS: '900' };
const servers = {} as Record<'proxied' | 'direct' | 'disabled' | 'redis-down', TestServer>;
beforeAll(async () => {
  [servers.proxied, servers.direct, servers.disabled, servers['redis-down']] = await Promise.all([
    startTestServer({}, { ...limits, TRUST_PROXY: '1' }),
    startTestServer({}, limits),
    startTestServer({}, { ...limits, RATE_LIMIT_ENABLED: 'false' }),
    // Nothing listens there: the limiters fall back to memory (the session store fails closed as before).
    startTestServer({}, { ...limits, REDIS_URL: 'redis://127.0.0.1:1' }),
  ]);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.stop()));
});

type Attempt = 'wrong john' | 'right john' | 'wrong paul' | 'right paul' | 'refresh' | 'signUp';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'RATE_LIMITED';

const loginMutation = 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken } }';
function bodyOf(attempt: Attempt): unknown {
  if (attempt === 'refresh') return { query: 'mutation { refreshToken(input: {refreshToken: "forged"}) { accessToken } }' };
  if (attempt === 'signUp') {
    const login = `u${randomUUID().slice(0, 8)}`;
    return {
      query: `mutation { signUp(input: {login: "${login}", name: "N", email: "${login}@example.com", password: "a long password"}) { user { login } } }`,
    };
  }
  const [kind, persona] = attempt.split(' ') as ['wrong' | 'right', string];
  return { query: loginMutation, variables: { e: demoEmail(persona), p: kind === 'right' ? demoPassword : 'not-the-password' } };
}

async function attempt(server: TestServer, body: unknown, clientIp: string): Promise<GraphQLResponse> {
  const response = await fetch(server.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Pick<GraphQLResponse, 'data' | 'errors'>;
  return { status: response.status, headers: response.headers, data: json.data, errors: json.errors };
}

const outcomeOf = (response: GraphQLResponse): Outcome => (response.errors?.[0]?.extensions?.code as Outcome | undefined) ?? 'ok';
const times = <T>(count: number, value: T): T[] => Array.from({ length: count }, () => value);
let nextIp = 1;

describe('sign-in throttling', () => {
  // server, scenario, attempts (`@other` sends from a second IP), expected outcome of each
  it.each<[keyof typeof servers, string, (Attempt | `${Attempt} @other`)[], Outcome[]]>([
    [
      'proxied',
      '3 wrong passwords for john, then even the right one is refused',
      [...times(3, 'wrong john' as const), 'right john'],
      [...times(3, 'UNAUTHENTICATED' as const), 'RATE_LIMITED'],
    ],
    [
      'proxied',
      'john from another IP is not affected',
      [...times(3, 'wrong john' as const), 'wrong john', 'right john @other'],
      [...times(3, 'UNAUTHENTICATED' as const), 'RATE_LIMITED', 'ok'],
    ],
    [
      'proxied',
      'another email from the same IP is allowed until the IP limit (8)',
      [...times(3, 'wrong john' as const), 'right paul', 'wrong paul', 'wrong paul', 'right paul', 'wrong paul', 'right paul'],
      [...times(3, 'UNAUTHENTICATED' as const), 'ok', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'ok', 'UNAUTHENTICATED', 'RATE_LIMITED'],
    ],
    [
      'proxied',
      'a successful login resets the email counter',
      ['wrong john', 'wrong john', 'right john', 'wrong john', 'wrong john', 'wrong john', 'right john'],
      ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'ok', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED'],
    ],
    [
      'proxied',
      'signUp and refreshToken count against the IP limit',
      [...times(4, 'refresh' as const), ...times(4, 'signUp' as const), 'signUp', 'refresh', 'right john'],
      [...times(4, 'UNAUTHENTICATED' as const), ...times(4, 'ok' as const), 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED'],
    ],
    [
      'direct',
      'without TRUST_PROXY, X-Forwarded-For is ignored: every row shares the socket address',
      [...times(3, 'wrong john' as const), 'right john @other'],
      [...times(3, 'UNAUTHENTICATED' as const), 'RATE_LIMITED'],
    ],
    [
      'redis-down',
      'Redis unreachable: still throttled, in memory',
      [...times(3, 'wrong john' as const), 'right john'],
      [...times(3, 'UNAUTHENTICATED' as const), 'RATE_LIMITED'],
    ],
    [
      'disabled',
      'RATE_LIMIT_ENABLED=false never throttles',
      [...times(12, 'wrong john' as const), 'right john'],
      [...times(12, 'UNAUTHENTICATED' as const), 'ok'],
    ],
  ])('%s: %s', async (serverName, _scenario, attempts, expected) => {
    const server = servers[serverName];
    const [ip, otherIp] = [`198.51.100.${nextIp++}`, `198.51.100.${100 + nextIp}`];
    const outcomes: Outcome[] = [];
    for (const step of attempts) {
      const [name, where] = step.split(' @') as [Attempt, string | undefined];
      const response = await attempt(server, bodyOf(name), where ? otherIp : ip);
      outcomes.push(outcomeOf(response));
      if (outcomeOf(response) === 'RATE_LIMITED') {
        const retryAfter = response.errors?.[0]?.extensions?.retryAfterSeconds as number;
        expect(response.status).toBe(429);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(900);
        expect(response.headers.get('retry-after')).toBe(String(retryAfter));
        expect(Object.values(response.data ?? {}).every((value) => value === null)).toBe(true);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('refuses before reading the user or hashing the password, and a refused signUp writes nothing', async () => {
    const server = servers.proxied;
    const ip = '203.0.113.7';
    for (let i = 0; i < 8; i++) await attempt(server, bodyOf('refresh'), ip);
    server.queries.reset();
    const login = await attempt(server, bodyOf('right john'), ip);
    const signUp = await attempt(
      server,
      {
        query:
          'mutation { signUp(input: {login: "throttled", name: "T", email: "throttled@example.com", password: "a long password"}) { user { login } } }',
      },
      ip,
    );
    expect([outcomeOf(login), outcomeOf(signUp)]).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // No SQL at all: refused before the user is looked up, so before any scrypt hash.
    expect(server.queries.count).toBe(0);
    const [row] = await server.server.db.em
      .fork()
      .execute<{ count: string }[]>("select count(*) as count from users where login = 'throttled'");
    expect(Number(row?.count)).toBe(0);
  });
});
