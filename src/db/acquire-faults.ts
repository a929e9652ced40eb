import type { Pool, PoolClient } from 'pg';
import { connectionFaultOf, markConnectionFault } from './connection-faults.js';

/**
 * The most requests that may wait for a pooled connection at once. Each waits at most the acquire
 * timeout (`connectionTimeoutMillis`), so the queue is bounded in time already; this bounds it in
 * size, for a database that hangs rather than refuses: request 501 is answered 503 at once instead
 * of joining a queue that cannot move.
 */
export const maxWaitingForConnection = 500;

/**
 * Makes every failure to get a pooled connection a connection fault: a refused or failed connect
 * is `refused`, a wait past the acquire timeout is `timeout`, a queue already full is `saturated`.
 * node-postgres reports some of these with codes, some with bare messages, and a database that does
 * not accept connections (`allow_connections false`) with a code of no connection class at all.
 */
export function markAcquireFaults(pool: Pool, maxWaiting = maxWaitingForConnection): void {
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  const guarded = async (): Promise<PoolClient> => {
    if (pool.waitingCount >= maxWaiting) {
      throw markConnectionFault(new Error('Too many requests are waiting for a database connection.'), 'saturated');
    }
    try {
      return await connect();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      throw markConnectionFault(failure, connectionFaultOf(failure) ?? 'refused');
    }
  };
  pool.connect = ((callback?: (error: Error | undefined, client?: PoolClient, done?: unknown) => void) => {
    if (!callback) return guarded();
    // The callback form is node-postgres's own (pool.query uses it); it keeps its behaviour.
    return (connect as unknown as (cb: typeof callback) => void)(callback);
  }) as Pool['connect'];
}
