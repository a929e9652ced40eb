import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInThrottle, type SignInThrottle } from '../../src/auth/sign-in-throttle.js';

/**
 * The throttle is ready before a server listens: without Redis at once; with Redis once connected,
 * so the very first failures are counted there (not split between memory and Redis); with Redis
 * unreachable it still resolves, and the in-memory fallback throttles.
 */
const settings = { enabled: true, loginFailuresPerEmail: 2, attemptsPerIp: 100, windowSeconds: 60 };
const opened: SignInThrottle[] = [];
const open = (redis?: { url: string; keyPrefix: string }) => {
  const throttle = createSignInThrottle(settings, redis);
  opened.push(throttle);
  return throttle;
};
afterAll(async () => {
  await Promise.all(opened.map((throttle) => throttle.close()));
});

/** Two failures are allowed, the third refused. */
async function expectThrottled(throttle: SignInThrottle): Promise<void> {
  const client = throttle.forClient('203.0.113.7');
  await client.beforeLogin('john@gitclub.test');
  await client.beforeLogin('john@gitclub.test');
  await expect(client.beforeLogin('john@gitclub.test')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
}

describe('the sign-in throttle is ready before the first request', () => {
  it('without Redis: at once, counting in memory', async () => {
    const throttle = open();
    await throttle.ready();
    await expectThrottled(throttle);
  });

  it('with Redis unreachable: ready all the same, and throttling in memory', async () => {
    const throttle = open({ url: 'redis://127.0.0.1:1', keyPrefix: `rolegate-test:${randomUUID()}:` });
    await throttle.ready();
    await expectThrottled(throttle);
  });

  it.runIf(process.env.REDIS_URL)('with Redis: once ready, the very first failure is counted in Redis', async () => {
    const keyPrefix = `rolegate-test:${randomUUID()}:`;
    const throttle = open({ url: process.env.REDIS_URL ?? '', keyPrefix });
    await throttle.ready();
    await throttle.forClient('203.0.113.8').beforeLogin('john@gitclub.test');
    const redis = new Redis(process.env.REDIS_URL ?? '');
    try {
      expect(await redis.keys(`${keyPrefix}rate-limit:login*`)).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });
});
