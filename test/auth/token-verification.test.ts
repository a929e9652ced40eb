import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens, InvalidTokenError, type TokenSettings } from '../../src/auth/access-tokens.js';
import { loadKeySet, type KeySet } from '../../src/auth/key-set.js';
import { generateSigningKey } from '../../src/auth/signing-key.js';

/**
 * The whole corpus of tokens verification must refuse, in one table, and the ones it must accept
 * (current key, a previous key during rotation, small clock skew).
 */
const settings: TokenSettings = {
  issuer: 'rolegate',
  audience: 'rolegate-api',
  lifetimeSeconds: 600,
  clockSkewSeconds: 30,
  verifiedCacheSize: 100,
};
const userId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let keys: KeySet;
let previousKeys: KeySet;
let tokens: AccessTokens;
let foreignKey: CryptoKey;

interface Claims {
  [claim: string]: unknown;
}

const goodClaims = (): Claims => ({
  iss: 'rolegate',
  aud: 'rolegate-api',
  sub: userId,
  iat: now(),
  exp: now() + 600,
  jti: 'j1',
  orgs: {},
  av: 1,
  sv: 1,
});

async function sign(
  claims: Claims,
  header: Record<string, unknown> = {},
  key: CryptoKey = keys.signing.privateKey as CryptoKey,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: keys.signing.kid, ...header }).sign(key);
}

beforeAll(async () => {
  const previous = await generateSigningKey();
  previousKeys = { signing: previous, verification: [previous.publicJwk] };
  keys = await loadKeySet({ previousPublicKeys: JSON.stringify({ keys: [previous.publicJwk] }) });
  tokens = new AccessTokens(keys, settings);
  foreignKey = (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey;
});

const refused: [string, () => Promise<string>][] = [
  ['alg none', async () => `${b64({ alg: 'none', typ: 'at+jwt', kid: keys.signing.kid })}.${b64(goodClaims())}.`],
  [
    'HMAC signed with the public key',
    async () => {
      const secret = new TextEncoder().encode(JSON.stringify(keys.signing.publicJwk));
      return new SignJWT(goodClaims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: keys.signing.kid }).sign(secret);
    },
  ],
  [
    'HMAC signed with the raw public key bytes',
    async () => {
      const secret = Buffer.from((keys.signing.publicJwk as JWK).x ?? '', 'base64url');
      return new SignJWT(goodClaims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: keys.signing.kid }).sign(secret);
    },
  ],
  ['unknown kid', async () => sign(goodClaims(), { kid: 'not-a-key-of-ours' })],
  ['signed by a foreign key under our kid', async () => sign(goodClaims(), {}, foreignKey)],
  ['wrong issuer', async () => sign({ ...goodClaims(), iss: 'someone-else' })],
  ['wrong audience', async () => sign({ ...goodClaims(), aud: 'another-api' })],
  ['wrong typ (an ID token)', async () => sign(goodClaims(), { typ: 'JWT' })],
  ['expired beyond the skew', async () => sign({ ...goodClaims(), iat: now() - 1000, exp: now() - 60 })],
  ['not yet valid (nbf beyond the skew)', async () => sign({ ...goodClaims(), nbf: now() + 120 })],
  ['issued in the future beyond the skew', async () => sign({ ...goodClaims(), iat: now() + 120 })],
  ['missing jti', async () => sign({ ...goodClaims(), jti: undefined })],
  ['missing exp', async () => sign({ ...goodClaims(), exp: undefined })],
  [
    'tampered payload',
    async () => {
      const [header, , signature] = (await sign(goodClaims())).split('.');
      return `${header}.${b64({ ...goodClaims(), orgs: { 'some-org': 'admin' } })}.${signature}`;
    },
  ],
  [
    'tampered header',
    async () => {
      const [, payload, signature] = (await sign(goodClaims())).split('.');
      return `${b64({ alg: 'EdDSA', typ: 'at+jwt', kid: keys.signing.kid, crit: [] })}.${payload}.${signature}`;
    },
  ],
  ['malformed: two segments', async () => `${b64({ alg: 'EdDSA' })}.${b64(goodClaims())}`],
  ['malformed: not base64', async () => 'a.b.c'],
  ['malformed: empty', async () => ''],
  ['oversized', async () => sign({ ...goodClaims(), padding: 'x'.repeat(10_000) })],
];

describe('access-token verification refuses', () => {
  it.each(refused)('%s', async (_name, make) => {
    await expect(tokens.verify(await make())).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('access-token verification accepts', () => {
  it('a token it issued, with its claims', async () => {
    const { token } = await tokens.issue({
      userId,
      organizationRoles: new Map([['o1', 'admin']]),
      authzVersion: 3,
      sessionVersion: 2,
      sessionId: 's1',
    });
    const claims = await tokens.verify(token);
    expect(claims).toMatchObject({ userId, authzVersion: 3, sessionVersion: 2, sessionId: 's1' });
    expect([...claims.organizationRoles]).toEqual([['o1', 'admin']]);
  });
  it('a token signed by the previous key during rotation', async () => {
    const previousTokens = new AccessTokens(previousKeys, settings);
    const { token } = await previousTokens.issue({ userId, organizationRoles: new Map(), authzVersion: 1, sessionVersion: 1 });
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId });
  });
  it('a token whose iat is within the clock skew', async () => {
    await expect(tokens.verify(await sign({ ...goodClaims(), iat: now() + 10 }))).resolves.toMatchObject({ userId });
  });
  it('at most 50 organization roles in one token, keeping it small', async () => {
    const many = new Map(
      Array.from({ length: 300 }, (_, index) => [`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, 'member']),
    );
    const { token } = await tokens.issue({ userId, organizationRoles: many, authzVersion: 1, sessionVersion: 1 });
    expect((await tokens.verify(token)).organizationRoles.size).toBe(50);
    expect(token.length).toBeLessThan(4096);
  });
});

describe('the verified-token cache', () => {
  it('never caches failures and never outlives exp', async () => {
    const cached = new AccessTokens(keys, { ...settings, clockSkewSeconds: 0 });
    // Seconds are whole in JWTs: two of them leave at least one second to verify it while valid.
    const shortLived = await sign({ ...goodClaims(), exp: now() + 2 });
    await expect(cached.verify(shortLived)).resolves.toMatchObject({ userId });
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await expect(cached.verify(shortLived)).rejects.toBeInstanceOf(InvalidTokenError);
    const bad = await sign({ ...goodClaims(), aud: 'other' });
    await expect(cached.verify(bad)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(cached.verify(bad)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('signing keys', () => {
  it('publishes public keys only', async () => {
    for (const key of keys.verification) expect(key).not.toHaveProperty('d');
    expect(keys.verification.map((key) => key.kid)).toEqual([keys.signing.kid, previousKeys.signing.kid]);
    expect(await exportJWK(keys.signing.publicKey)).not.toHaveProperty('d');
  });
});
