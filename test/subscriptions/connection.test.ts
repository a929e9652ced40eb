import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectLive, issueEventsQuery, type LiveClient } from './live-client.js';
import { openRaw } from './raw-socket.js';

// The WebSocket connection itself: who may open one (Origin), how connection_init authenticates
// (as the HTTP header does, with graphql-ws close codes for what it refuses), and its first seconds.

let t: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestServer({}, { CORS_ORIGINS: 'https://app.example.com', WS_CONNECTION_INIT_TIMEOUT_SECONDS: '1' });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await t?.stop();
});

describe('the upgrade checks Origin (cross-site WebSocket hijacking)', () => {
  it('refuses an origin not in CORS_ORIGINS with 403 and a FORBIDDEN body, before any WebSocket', async () => {
    const refused = await openRaw(t.server.url, { origin: 'https://evil.example' }).then(
      () => undefined,
      (error: { status?: number; body?: string }) => error,
    );
    expect(refused?.status).toBe(403);
    expect(JSON.parse(refused?.body ?? '{}')).toEqual({
      errors: [
        {
          message: 'WebSocket connections from this origin are refused: it is not listed in CORS_ORIGINS.',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  });

  it.each([
    ['an origin CORS_ORIGINS lists', 'https://app.example.com'],
    ['the API origin itself', 'same'],
    ['no Origin (not a browser)', undefined],
  ])('accepts %s', async (_what, origin) => {
    const sent = origin === 'same' ? new URL(t.server.url).origin : origin;
    const client = await connectLive(t.server.url, await t.tokenOf('paul'), sent ? { origin: sent } : {});
    clients.push(client);
    const subscription = client.subscribe(issueEventsQuery, { repositoryId: t.ids['abbey-road'] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(subscription.isEnded()).toBe(false);
  });

  it('answers 404 for a WebSocket on another path', async () => {
    const refused = await openRaw(t.server.url.replace('/graphql', '/elsewhere')).then(
      () => undefined,
      (error: { status?: number }) => error,
    );
    expect(refused?.status).toBe(404);
  });
});

describe('connection_init authenticates as the Authorization header does', () => {
  it.each([
    ['a token that does not verify', 'Bearer not.a.token', 4401],
    ['something other than a bearer token', 'Basic am9objpwYXNz', 4401],
    ['an authorization that is not a string', 42, 4400],
  ])('closes for %s', async (_what, authorization, code) => {
    const raw = await openRaw(t.server.url);
    raw.send({ type: 'connection_init', payload: { authorization } });
    expect((await raw.closed).code).toBe(code);
    expect(raw.messages).toEqual([]);
  });

  it('closes with 4401 for a token revoked by logout, with the message the HTTP answer has', async () => {
    const login = await t.send(undefined, {
      query: 'mutation { login(input: {email: "ringo@gitclub.test", password: "rolegate-demo"}) { accessToken } }',
    });
    const token = (login.data?.login as { accessToken: string }).accessToken;
    expect((await t.send(`Bearer ${token}`, { query: 'mutation { logout { ok } }' })).data).toEqual({ logout: { ok: true } });
    const http = await t.send(`Bearer ${token}`, { query: '{ viewer { login } }' });
    const raw = await openRaw(t.server.url);
    raw.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const closed = await raw.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toBe(http.errors?.[0]?.message);
  });

  it('acknowledges a good token and an anonymous connection (whose subscriptions answer UNAUTHENTICATED)', async () => {
    const raw = await openRaw(t.server.url);
    raw.send({ type: 'connection_init', payload: { authorization: `Bearer ${await t.tokenOf('john')}` } });
    expect(await raw.nextOf('connection_ack')).toEqual({ type: 'connection_ack' });
    raw.socket.close();
  });

  it('closes with 4408 when connection_init does not come within WS_CONNECTION_INIT_TIMEOUT_SECONDS', async () => {
    const raw = await openRaw(t.server.url);
    const started = Date.now();
    expect((await raw.closed).code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThan(800);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('closes with 4401 when subscribe comes before connection_init', async () => {
    const raw = await openRaw(t.server.url);
    raw.send({ id: '1', type: 'subscribe', payload: { query: issueEventsQuery, variables: { repositoryId: t.ids['abbey-road'] } } });
    expect((await raw.closed).code).toBe(4401);
  });
});

describe('what a subscribe message may ask', () => {
  it('refuses a query or a mutation: they go over HTTP', async () => {
    const raw = await openRaw(t.server.url);
    raw.send({ type: 'connection_init', payload: { authorization: `Bearer ${await t.tokenOf('john')}` } });
    await raw.nextOf('connection_ack');
    raw.send({ id: 'q', type: 'subscribe', payload: { query: '{ viewer { login } }' } });
    expect(await raw.nextOf('error')).toEqual({
      id: 'q',
      type: 'error',
      payload: [
        {
          message: 'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    raw.send({ id: 'p', type: 'subscribe', payload: { query: 'subscription {' } });
    const parseError = (await raw.nextOf('error')).payload as { extensions: { code: string } }[];
    expect(parseError[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    raw.send({ id: 'v', type: 'subscribe', payload: { query: 'subscription { nothingHere }' } });
    const invalid = (await raw.nextOf('error')).payload as { extensions: { code: string } }[];
    expect(invalid[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    raw.socket.close();
  });
});
