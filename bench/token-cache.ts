import { AccessTokens, type TokenSettings } from '../src/auth/access-tokens.js';
import { loadKeySet } from '../src/auth/key-set.js';

/**
 * What the verified-token cache saves: the same access token verified many times (as one client's
 * requests do), with the cache and without it. Prints one line per case.
 */
export async function measureTokenCache(iterations = 20_000): Promise<void> {
  const keys = await loadKeySet({});
  const settings: TokenSettings = {
    issuer: 'rolegate',
    audience: 'rolegate-api',
    lifetimeSeconds: 600,
    clockSkewSeconds: 30,
    verifiedCacheSize: 10_000,
  };
  const subject = {
    userId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    organizationRoles: new Map([['0f8fad5b-d9cb-469f-a165-70867728950e', 'admin']]),
    authzVersion: 1,
    sessionVersion: 1,
  };
  for (const [label, cacheSize] of [
    ['uncached', 0],
    ['cached', 10_000],
  ] as const) {
    const tokens = new AccessTokens(keys, { ...settings, verifiedCacheSize: cacheSize });
    const { token } = await tokens.issue(subject);
    for (let index = 0; index < 1000; index++) await tokens.verify(token);
    const started = performance.now();
    for (let index = 0; index < iterations; index++) await tokens.verify(token);
    const microseconds = ((performance.now() - started) * 1000) / iterations;
    console.log(
      `token verification ${label}: ${microseconds.toFixed(1)} µs per request (${Math.round(1e6 / microseconds)} verifications/s)`,
    );
  }
}
