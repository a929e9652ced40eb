import { LRUCache } from 'lru-cache';
import { newestVersions, type SessionStore, type TokenStanding, type UserVersions, type VersionSource } from './session-store.js';

/**
 * The single-instance store: versions cached in process, revoked `jti`s and sessions kept until
 * their tokens expire. Several instances need the Redis store: what one instance learns, the others would not.
 * Cached versions are re-read after a minute, so changes made outside the server (the platform
 * command-line tool) are honoured within that time.
 */
export class MemorySessionStore implements SessionStore {
  // Bounded by `maxSize` (one per entry), not `max`: `max` preallocates storage for every slot at start
  // (tens of megabytes and a tenth of a second for a million), where these grow with use.
  readonly #versions = new LRUCache<string, UserVersions>({ maxSize: 100_000, sizeCalculation: () => 1, ttl: 60_000 });
  readonly #revoked = new LRUCache<string, true>({ maxSize: 1_000_000, sizeCalculation: () => 1, ttlAutopurge: false });

  constructor(private readonly readVersions: VersionSource) {}

  async standing(userId: string, jti: string, sessionId?: string): Promise<TokenStanding> {
    let versions = this.#versions.get(userId);
    if (!versions) {
      const read = await this.readVersions(userId);
      if (read) versions = this.#remember(userId, read);
    }
    return {
      versions,
      revoked: this.#revoked.has(jti),
      sessionRevoked: sessionId !== undefined && this.#revoked.has(sessionKey(sessionId)),
    };
  }

  async publish(changes: readonly (readonly [string, UserVersions])[]): Promise<void> {
    for (const [userId, versions] of changes) this.#remember(userId, versions);
  }

  async revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    this.#revokeUntil(jti, expiresAtSeconds);
  }

  async revokeSession(sessionId: string, untilSeconds: number): Promise<void> {
    this.#revokeUntil(sessionKey(sessionId), untilSeconds);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  #revokeUntil(key: string, untilSeconds: number): void {
    const ttl = untilSeconds * 1000 - Date.now();
    if (ttl > 0) this.#revoked.set(key, true, { ttl });
  }

  #remember(userId: string, versions: UserVersions): UserVersions {
    const newest = newestVersions(this.#versions.get(userId), versions);
    this.#versions.set(userId, newest);
    return newest;
  }
}

/** Sessions share the revocation cache with `jti`s, under their own prefix. */
function sessionKey(sessionId: string): string {
  return `session:${sessionId}`;
}
