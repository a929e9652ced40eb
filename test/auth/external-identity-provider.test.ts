import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Tokens of an external identity provider (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE) are accepted
 * through its remote JWKS, served here by a local JWKS server; `sub` maps to a user by login and
 * roles come from the database.
 */
interface ProviderKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

let jwksServer: Server;
let jwksRequests = 0;
const published: JWK[] = [];
let api: TestServer;

async function providerKey(kid: string): Promise<ProviderKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

function externalToken(key: ProviderKey, claims: Record<string, unknown> = {}, audience = 'rolegate-api'): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.publicJwk.kid })
    .setIssuer('https://idp.example.test')
    .setAudience(audience)
    .setSubject(String(claims.sub ?? 'paul'))
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

let first: ProviderKey;
beforeAll(async () => {
  first = await providerKey('idp-1');
  published.push(first.publicJwk);
  jwksServer = createServer((_request, response) => {
    jwksRequests++;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const port = (jwksServer.address() as AddressInfo).port;
  api = await startTestServer(
    {},
    {
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      AUTH_ISSUER: 'https://idp.example.test',
      AUTH_AUDIENCE: 'rolegate-api',
      AUTH_JWKS_COOLDOWN_SECONDS: '0',
    },
  );
});
afterAll(async () => {
  await api?.stop();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

const members = '{ viewer { login } organization(login: "beatles") { viewerRole { name } members { totalCount } } }';

describe('an external identity provider', () => {
  it('signs users in by sub, with roles from the database', async () => {
    const response = await api.send(`Bearer ${await externalToken(first, { sub: 'paul' })}`, { query: members });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({ viewer: { login: 'paul' }, organization: { viewerRole: { name: 'member' } } });
  });

  it('refetches its JWKS when an unknown kid appears (key rotation)', async () => {
    const second = await providerKey('idp-2');
    published.push(second.publicJwk);
    const before = jwksRequests;
    const response = await api.send(`Bearer ${await externalToken(second, { sub: 'john' })}`, { query: '{ viewer { login } }' });
    expect(response.data).toEqual({ viewer: { login: 'john' } });
    expect(jwksRequests).toBe(before + 1);
  });

  it.each([
    ['a wrong audience', async () => externalToken(first, { sub: 'paul' }, 'another-api')],
    ['an unknown user', async () => externalToken(first, { sub: 'stranger' })],
    ['a key the provider never published', async () => externalToken(await providerKey('idp-rogue'), { sub: 'john' })],
    [
      'an HMAC token claiming the provider as issuer',
      async () =>
        new SignJWT({ sub: 'john' })
          .setProtectedHeader({ alg: 'HS256', kid: 'idp-1' })
          .setIssuer('https://idp.example.test')
          .setAudience('rolegate-api')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('0123456789abcdef0123456789abcdef')),
    ],
  ])('refuses %s with 401', async (_name, make) => {
    const response = await api.send(`Bearer ${await make()}`, { query: '{ viewer { login } }' });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('still accepts its own tokens', async () => {
    expect((await api.gql('ringo', '{ viewer { login } }')).data).toEqual({ viewer: { login: 'ringo' } });
  });
});
