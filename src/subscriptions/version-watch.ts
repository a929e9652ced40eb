import { newestVersions, type UserVersions } from '../auth/session-store.js';

/** What the watch reads and where it tells what it found. */
export interface VersionWatchOptions {
  /** The users with open live connections now. */
  readonly users: () => ReadonlySet<string>;
  /** Their versions in the database, in one statement. */
  readonly read: (userIds: readonly string[]) => Promise<ReadonlyMap<string, UserVersions>>;
  /** Records raised versions (the session store, which tells the event bus: their subscriptions re-check). */
  readonly publish: (changes: readonly (readonly [string, UserVersions])[]) => Promise<void>;
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
}

/** The running watch. */
export interface VersionWatch {
  /** Reads a newly connected user's versions before their first subscription is checked: what changes later is noticed. */
  track(userId: string): Promise<void>;
  /** Versions this instance publishes itself: taken as known, so the next read does not publish them again. */
  observe(changes: readonly (readonly [string, UserVersions])[]): void;
  stop(): void;
}

/**
 * Without REDIS_URL, nothing tells this instance of access changed outside it: the platform
 * command-line tool (offboard, custom roles, legacy migration) writing to the same PostgreSQL. So
 * while live connections are open, every `intervalMs` it reads their users' versions and publishes
 * those raised since the last read: their subscriptions re-check (or end) without waiting for an
 * event, and their tokens are refused on HTTP at once rather than within the store's minute.
 * Changes this instance publishes itself are taken as known (`observe`), not published twice.
 */
export function watchVersions(options: VersionWatchOptions): VersionWatch {
  const known = new Map<string, UserVersions>();
  let reading = false;
  const poll = async () => {
    const users = options.users();
    for (const userId of known.keys()) if (!users.has(userId)) known.delete(userId);
    if (users.size === 0 || reading) return;
    reading = true;
    try {
      const current = await options.read([...users]);
      const raised: [string, UserVersions][] = [];
      for (const [userId, versions] of current) {
        const before = known.get(userId);
        if (before && (versions.authz > before.authz || versions.session > before.session)) raised.push([userId, versions]);
        known.set(userId, versions);
      }
      if (raised.length > 0) await options.publish(raised);
    } catch (error) {
      options.onError(error);
    } finally {
      reading = false;
    }
  };
  const timer = setInterval(() => void poll(), options.intervalMs);
  timer.unref();
  return {
    async track(userId) {
      if (known.has(userId)) return;
      const versions = (await options.read([userId])).get(userId);
      if (versions && !known.has(userId)) known.set(userId, versions);
    },
    observe(changes) {
      for (const [userId, versions] of changes) {
        const before = known.get(userId);
        if (before) known.set(userId, newestVersions(before, versions));
      }
    },
    stop: () => clearInterval(timer),
  };
}
