import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../src/auth/memory-session-store.js';
import { RedisSessionStore } from '../../src/auth/redis-session-store.js';
import { SessionStoreUnavailableError, type SessionStore, type UserVersions } from '../../src/auth/session-store.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * The session store's contract, for the in-process store and (with REDIS_URL, as CI sets it) the
 * Redis store; then failing closed when Redis cannot be reached.
 */
const database = new Map<string, UserVersions>([['u1', { authz: 3, session: 1 }]]);
const readVersions = async (userId: string) => database.get(userId);
const stores: [string, () => SessionStore][] = [['memory', () => new MemorySessionStore(readVersions)]];
if (process.env.REDIS_URL) {
  const url = process.env.REDIS_URL;
  stores.push([
    'redis',
    () => new RedisSessionStore({ url, keyPrefix: `rolegate-test:${randomUUID()}:`, versionTtlSeconds: 60 }, readVersions),
  ]);
}

describe.each(stores)('%s session store', (_name, create) => {
  let store: SessionStore;
  beforeAll(() => {
    store = create();
  });
  afterAll(async () => {
    await store.close();
  });

  it('reads a version it lacks from the database', async () => {
    expect((await store.standing('u1', 'j0')).versions).toEqual({ authz: 3, session: 1 });
    expect((await store.standing('missing-user', 'j0')).versions).toBeUndefined();
  });
  it('raises versions and never lowers one', async () => {
    await store.publish([['u2', { authz: 5, session: 2 }]]);
    await store.publish([['u2', { authz: 4, session: 3 }]]);
    expect((await store.standing('u2', 'j0')).versions).toEqual({ authz: 5, session: 3 });
  });
  it('revokes a jti until its expiry, and only that one', async () => {
    await store.revoke('j1', Math.floor(Date.now() / 1000) + 60);
    await store.revoke('j-past', Math.floor(Date.now() / 1000) - 1);
    expect((await store.standing('u1', 'j1')).revoked).toBe(true);
    expect((await store.standing('u1', 'j2')).revoked).toBe(false);
    expect((await store.standing('u1', 'j-past')).revoked).toBe(false);
  });
  it('revokes a session until the given time, and only that one', async () => {
    const now = Math.floor(Date.now() / 1000);
    await store.revokeSession('s1', now + 60);
    await store.revokeSession('s-past', now - 1);
    const rows: [string, string, string | undefined, { revoked: boolean; sessionRevoked: boolean }][] = [
      ['a token of the revoked session', 'j9', 's1', { revoked: false, sessionRevoked: true }],
      ['a token of another session', 'j9', 's2', { revoked: false, sessionRevoked: false }],
      ['a token without a session', 'j9', undefined, { revoked: false, sessionRevoked: false }],
      ['a session revoked until a past time', 'j9', 's-past', { revoked: false, sessionRevoked: false }],
      ['a jti equal to a revoked session id', 's1', undefined, { revoked: false, sessionRevoked: false }],
    ];
    for (const [name, jti, sessionId, expected] of rows) {
      const { revoked, sessionRevoked } = await store.standing('u1', jti, sessionId);
      expect({ revoked, sessionRevoked }, name).toEqual(expected);
    }
  });
  it('answers a ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('an unreachable Redis', () => {
  let api: TestServer;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    api = await startTestServer({}, { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('makes the store throw SessionStoreUnavailableError', async () => {
    await expect(api.server.sessions.standing('u1', 'j1')).rejects.toBeInstanceOf(SessionStoreUnavailableError);
  });
  it('fails requests with a token closed, with 503 and SERVICE_UNAVAILABLE', async () => {
    const token = await api.server.tokens.issue({
      userId: api.ids.john ?? '',
      organizationRoles: new Map(),
      authzVersion: 1,
      sessionVersion: 1,
    });
    const response = await api.send(`Bearer ${token.token}`, { query: '{ viewer { login } }' });
    expect(response.status).toBe(503);
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
  it('still serves anonymous public fields', async () => {
    const response = await api.send(undefined, { query: '{ builtInRoles { name } }' });
    expect(response.status).toBe(200);
  });
  it('is reported by the readiness endpoint', async () => {
    const response = await fetch(new URL('/readyz', api.server.url));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body.checks.database).toBe('ok');
    expect(body.checks.sessionStore).toBe('unavailable');
  });
});

describe('a healthy server', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(async () => {
    await api?.stop();
  });
  it('is ready, and publishes its public keys at /.well-known/jwks.json', async () => {
    expect((await fetch(new URL('/readyz', api.server.url))).status).toBe(200);
    const jwks = (await (await fetch(new URL('/.well-known/jwks.json', api.server.url))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
