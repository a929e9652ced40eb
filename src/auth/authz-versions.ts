import { LRUCache } from 'lru-cache';

/**
 * Each user's current authorization version: it grows with every change to their access, so a
 * token carrying an older one is known to hold stale roles. The database is the source of truth;
 * this single-instance store caches what it read and learns raises as they happen.
 *
 * Note: a raise is recorded before its transaction commits. If the transaction then fails, the
 * cached version is merely ahead of the database: tokens look stale and roles are read from the
 * database, which is still correct (fail-safe), just slower until the next login.
 */
export class AuthzVersions {
  readonly #cache = new LRUCache<string, number>({ max: 100_000 });

  constructor(private readonly readFromDatabase: (userId: string) => Promise<number | undefined>) {}

  /** The user's current version; undefined when the user no longer exists. */
  async current(userId: string): Promise<number | undefined> {
    const cached = this.#cache.get(userId);
    if (cached !== undefined) return cached;
    const version = await this.readFromDatabase(userId);
    if (version !== undefined) this.#cache.set(userId, Math.max(version, this.#cache.get(userId) ?? 0));
    return version;
  }

  /** Records new versions (never lowering one). */
  raise(versions: Iterable<readonly [string, number]>): void {
    for (const [userId, version] of versions) this.#cache.set(userId, Math.max(version, this.#cache.get(userId) ?? 0));
  }
}
