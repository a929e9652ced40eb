import { Redis } from 'ioredis';
import {
  SessionStoreUnavailableError,
  type SessionStore,
  type TokenStanding,
  type UserVersions,
  type VersionSource,
} from './session-store.js';

/** Raises the stored versions to at least the given ones and refreshes the key's lifetime. */
const raiseVersions = `
local current_a = tonumber(redis.call('HGET', KEYS[1], 'a') or '0')
local current_s = tonumber(redis.call('HGET', KEYS[1], 's') or '0')
if tonumber(ARGV[1]) > current_a then redis.call('HSET', KEYS[1], 'a', ARGV[1]) end
if tonumber(ARGV[2]) > current_s then redis.call('HSET', KEYS[1], 's', ARGV[2]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

/** Settings of the Redis store. */
export interface RedisSessionStoreOptions {
  readonly url: string;
  /** Prefix of every key, so several deployments (or test files) can share one Redis. */
  readonly keyPrefix: string;
  /**
   * Seconds a cached version lives. Bounds how long a change committed while Redis was
   * unreachable (so never published) can go unnoticed once it is back.
   */
  readonly versionTtlSeconds: number;
}

/**
 * The store for several instances: revoked `jti`s and sessions (expiring with their tokens) and
 * current versions in Redis. A missing version is read from the database and cached; a raise never lowers
 * a version, so a slow reader cannot overwrite a newer publish. Any Redis failure throws
 * `SessionStoreUnavailableError`: requests fail closed.
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;

  constructor(
    private readonly options: RedisSessionStoreOptions,
    private readonly readVersions: VersionSource,
  ) {
    this.#redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      // Commands wait for a (re)connection, but never past the timeout: then they fail, and so does the request.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 1500,
      connectTimeout: 1500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Errors surface per command; without a listener ioredis would print every reconnect attempt.
    this.#redis.on('error', () => {});
  }

  async standing(userId: string, jti: string, sessionId?: string): Promise<TokenStanding> {
    const [versionFields, revoked, sessionRevoked] = await this.#run(async () => {
      const transaction = this.#redis.multi().hgetall(versionKey(userId)).exists(revokedKey(jti));
      const results = await (sessionId === undefined ? transaction : transaction.exists(revokedSessionKey(sessionId))).exec();
      if (!results || results.some(([error]) => error)) throw new Error('Redis transaction failed.');
      return [results[0]?.[1] as Record<string, string>, results[1]?.[1] === 1, results[2]?.[1] === 1] as const;
    });
    let versions: UserVersions | undefined =
      versionFields.a && versionFields.s ? { authz: Number(versionFields.a), session: Number(versionFields.s) } : undefined;
    if (!versions) {
      versions = await this.readVersions(userId);
      if (versions) await this.publish([[userId, versions]]);
    }
    return { versions, revoked, sessionRevoked };
  }

  async publish(changes: readonly (readonly [string, UserVersions])[]): Promise<void> {
    if (changes.length === 0) return;
    await this.#run(async () => {
      const pipeline = this.#redis.pipeline();
      for (const [userId, versions] of changes) {
        pipeline.eval(raiseVersions, 1, versionKey(userId), versions.authz, versions.session, this.options.versionTtlSeconds);
      }
      const results = await pipeline.exec();
      if (!results || results.some(([error]) => error)) throw new Error('Redis pipeline failed.');
    });
  }

  async revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    await this.#revokeUntil(revokedKey(jti), expiresAtSeconds);
  }

  async revokeSession(sessionId: string, untilSeconds: number): Promise<void> {
    await this.#revokeUntil(revokedSessionKey(sessionId), untilSeconds);
  }

  async ping(): Promise<void> {
    await this.#run(() => this.#redis.ping());
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }

  async #revokeUntil(key: string, untilSeconds: number): Promise<void> {
    const ttl = untilSeconds * 1000 - Date.now();
    if (ttl > 0) await this.#run(() => this.#redis.set(key, '1', 'PX', ttl));
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new SessionStoreUnavailableError(`Redis cannot be reached: ${(error as Error).message}`);
    }
  }
}

function versionKey(userId: string): string {
  return `v:${userId}`;
}

function revokedKey(jti: string): string {
  return `revoked:${jti}`;
}

function revokedSessionKey(sessionId: string): string {
  return `revoked-session:${sessionId}`;
}
