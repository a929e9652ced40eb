import type { SessionStore, UserVersions } from '../auth/session-store.js';
import type { EventBus } from './event-bus.js';

/**
 * The session store, telling the event bus of every change it records: raised versions (a role
 * given or taken, a membership ended, a suspension, logout everywhere) and revoked tokens and
 * sessions (logout). Every path that changes access already records it here after commit, so live
 * connections hear of it within the bus's latency, on every instance, without a second hook.
 */
export function liveSessionStore(
  store: SessionStore,
  bus: EventBus,
  /** Told of every change published here, first (the live server's version watch: not to publish it twice). */
  onPublished: (changes: readonly (readonly [string, UserVersions])[]) => void = () => {},
): SessionStore {
  return {
    standing: (userId, jti, sessionId) => store.standing(userId, jti, sessionId),
    async publish(changes) {
      onPublished(changes);
      await store.publish(changes);
      if (changes.length > 0) bus.publish({ topic: 'access', userIds: changes.map(([userId]) => userId) });
    },
    async revoke(jti, expiresAtSeconds) {
      await store.revoke(jti, expiresAtSeconds);
      bus.publish({ topic: 'token', jti });
    },
    async revokeSession(sessionId, untilSeconds) {
      await store.revokeSession(sessionId, untilSeconds);
      bus.publish({ topic: 'session', sessionId });
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
