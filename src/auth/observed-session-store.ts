import { SessionStoreUnavailableError, type SessionStore } from './session-store.js';

/**
 * A session store that reports each call the store could not answer (`SessionStoreUnavailableError`)
 * to `onFailure`, for the metrics, and otherwise behaves exactly as `store`.
 */
export function observedSessionStore(store: SessionStore, onFailure: () => void): SessionStore {
  const observed =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof SessionStoreUnavailableError) onFailure();
        throw error;
      }
    };
  return {
    standing: observed(store.standing.bind(store)),
    publish: observed(store.publish.bind(store)),
    revoke: observed(store.revoke.bind(store)),
    revokeSession: observed(store.revokeSession.bind(store)),
    ping: observed(store.ping.bind(store)),
    close: () => store.close(),
  };
}
