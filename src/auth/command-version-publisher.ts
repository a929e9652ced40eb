import type { Config } from '../config.js';
import type { UserVersions } from './session-store.js';

/**
 * How a command publishes the versions its changes raised: to the shared session store when
 * REDIS_URL is set, so every instance refuses stale tokens at once, and on the live event bus, so
 * open subscriptions of those users are re-checked at once; without it there is nothing to
 * tell (a single instance reads versions from the database within a minute, and those of its live
 * users every second: `watchVersions`).
 */
export function commandVersionPublisher(config: Pick<Config, 'redisUrl' | 'redisKeyPrefix' | 'redisVersionTtlSeconds'>) {
  return async (pending: readonly [string, UserVersions][]): Promise<void> => {
    if (!config.redisUrl || pending.length === 0) return;
    const { RedisSessionStore } = await import('./redis-session-store.js');
    const known = new Map(pending);
    const store = new RedisSessionStore(
      { url: config.redisUrl, keyPrefix: config.redisKeyPrefix, versionTtlSeconds: config.redisVersionTtlSeconds },
      async (userId) => known.get(userId) ?? { authz: 0, session: 0 },
    );
    try {
      await store.publish(pending);
    } finally {
      await store.close();
    }
    // Live subscriptions of those users re-check now rather than at their next event.
    const { publishOnce } = await import('../subscriptions/redis-event-bus.js');
    await publishOnce(
      { url: config.redisUrl, keyPrefix: config.redisKeyPrefix },
      { topic: 'access', userIds: pending.map(([userId]) => userId) },
    );
  };
}
