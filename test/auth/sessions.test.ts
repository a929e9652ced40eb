import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, demoPassword } from '../../src/gitclub/demo/demo-cast.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';

/**
 * Sessions: refresh rotation, reuse detection (the whole family ends, with every access token
 * issued in it), logout (likewise), logout everywhere (every token of the user), and stale claims
 * under both policies.
 */
let api: TestServer;
let strict: TestServer;
beforeAll(async () => {
  [api, strict] = await Promise.all([startTestServer(), startTestServer({}, { STALE_TOKENS: 'reject' })]);
});
afterAll(async () => {
  await Promise.all([api?.stop(), strict?.stop()]);
});

interface Pair {
  accessToken: string;
  refreshToken: string;
}

async function login(server: TestServer, persona: string): Promise<Pair> {
  const response = await server.send(undefined, {
    query: 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { accessToken refreshToken expiresIn } }',
    variables: { e: demoEmail(persona), p: demoPassword },
  });
  return response.data?.login as Pair;
}

function refresh(server: TestServer, refreshToken: string): Promise<GraphQLResponse> {
  return server.send(undefined, {
    query: 'mutation($t: String!) { refreshToken(input: {refreshToken: $t}) { accessToken refreshToken user { login } } }',
    variables: { t: refreshToken },
  });
}

const whoAmI = (server: TestServer, accessToken: string) => server.send(`Bearer ${accessToken}`, { query: '{ viewer { login } }' });
const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('refresh tokens', () => {
  it('rotate: each is usable once and returns a new pair', async () => {
    const first = await login(api, 'paul');
    const rotated = await refresh(api, first.refreshToken);
    const second = rotated.data?.refreshToken as Pair & { user: { login: string } };
    expect(second.user.login).toBe('paul');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await whoAmI(api, second.accessToken)).data).toEqual({ viewer: { login: 'paul' } });
    const third = (await refresh(api, second.refreshToken)).data?.refreshToken as Pair;
    expect(third.accessToken).toBeTruthy();
  });

  it('reused: the whole family is revoked, answered UNAUTHENTICATED and audited', async () => {
    const first = await login(api, 'ringo');
    const second = (await refresh(api, first.refreshToken)).data?.refreshToken as Pair;
    const reuse = await refresh(api, first.refreshToken);
    expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(api, second.refreshToken))).toBe('UNAUTHENTICATED');
    const [audit] = await api.server.db.em
      .fork()
      .execute<{ action: string }[]>(`select action from audit_log_entries where target_user_id = ? order by created_at desc limit 1`, [
        api.ids.ringo,
      ]);
    expect(audit?.action).toBe('refresh_token.reuse_detected');
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['empty', ''],
  ])('refuses a %s refresh token', async (_name, token) => {
    expect(codeOf(await refresh(api, token))).toBe('UNAUTHENTICATED');
  });
});

describe('ending a session (refresh-token reuse, logout)', () => {
  interface Session {
    /** The pair from login; its refresh token has been used once. */
    readonly first: Pair;
    /** The pair from refreshing `first`. */
    readonly second: Pair;
  }
  const endings: { how: string; end: (session: Session) => Promise<void> }[] = [
    {
      how: 'refresh-token reuse',
      end: async ({ first }) => expect(codeOf(await refresh(api, first.refreshToken))).toBe('UNAUTHENTICATED'),
    },
    {
      how: 'logout with the latest access token',
      end: async ({ second }) =>
        expect((await api.send(`Bearer ${second.accessToken}`, { query: 'mutation { logout { ok } }' })).data).toEqual({
          logout: { ok: true },
        }),
    },
  ];

  it.each(endings)(
    '$how: every access token issued in that session gets 401 on the next request, other sessions keep working',
    async ({ end }) => {
      const first = await login(api, 'sully');
      const second = (await refresh(api, first.refreshToken)).data?.refreshToken as Pair;
      const other = await login(api, 'sully');
      const tokens: [string, string, number][] = [
        ['the access token from login', first.accessToken, 401],
        ['the access token from the refresh', second.accessToken, 401],
        ['an access token of another session of the same user', other.accessToken, 200],
      ];
      for (const [, token] of tokens) expect((await whoAmI(api, token)).status).toBe(200);
      await end({ first, second });
      for (const [name, token, status] of tokens) {
        const response = await whoAmI(api, token);
        expect(response.status, name).toBe(status);
        if (status === 401)
          expect(response.errors?.[0]?.message, name).toMatch(/has been revoked \(logged out\)|session of this access token has ended/);
      }
      expect(codeOf(await refresh(api, second.refreshToken))).toBe('UNAUTHENTICATED');
    },
  );
});

describe('logout', () => {
  it('revokes the access token and its refresh family, not other sessions', async () => {
    const session = await login(api, 'george');
    const otherSession = await login(api, 'george');
    const logout = await api.send(`Bearer ${session.accessToken}`, { query: 'mutation { logout { ok } }' });
    expect(logout.data).toEqual({ logout: { ok: true } });
    const after = await whoAmI(api, session.accessToken);
    expect(after.status).toBe(401);
    expect(codeOf(await refresh(api, session.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await whoAmI(api, otherSession.accessToken)).data).toEqual({ viewer: { login: 'george' } });
  });

  it('everywhere: every access and refresh token of the user stops working at once', async () => {
    const [one, two] = [await login(api, 'bill'), await login(api, 'bill')];
    const response = await api.send(`Bearer ${one.accessToken}`, { query: 'mutation { logoutEverywhere { ok } }' });
    expect(response.data).toEqual({ logoutEverywhere: { ok: true } });
    for (const pair of [one, two]) {
      expect((await whoAmI(api, pair.accessToken)).status).toBe(401);
      expect(codeOf(await refresh(api, pair.refreshToken))).toBe('UNAUTHENTICATED');
    }
    const fresh = await login(api, 'bill');
    expect((await whoAmI(api, fresh.accessToken)).data).toEqual({ viewer: { login: 'bill' } });
  });
});

describe('stale claims', () => {
  const demote = (server: TestServer) =>
    server.gql(
      'john',
      'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "billing"}) { membership { role { name } } } }',
      {
        o: server.ids.beatles,
        u: server.ids.paul,
      },
    );

  it('by default, a demotion holds on the next request with the old token (roles come from the database)', async () => {
    const paul = await login(api, 'paul');
    expect(
      (await api.send(`Bearer ${paul.accessToken}`, { query: '{ organization(login: "beatles") { members { totalCount } } }' })).errors,
    ).toBeUndefined();
    expect((await demote(api)).errors).toBeUndefined();
    const after = await api.send(`Bearer ${paul.accessToken}`, { query: '{ organization(login: "beatles") { members { totalCount } } }' });
    expect(after.status).toBe(200);
    expect(codeOf(after)).toBe('FORBIDDEN');
  });

  it('with STALE_TOKENS=reject, the old token is refused with 401 and a hint to refresh; a refreshed one works', async () => {
    const paul = await login(strict, 'paul');
    expect((await demote(strict)).errors).toBeUndefined();
    const after = await whoAmI(strict, paul.accessToken);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.message).toMatch(/refresh/);
    const refreshed = (await refresh(strict, paul.refreshToken)).data?.refreshToken as Pair;
    expect((await whoAmI(strict, refreshed.accessToken)).data).toEqual({ viewer: { login: 'paul' } });
  });
});
