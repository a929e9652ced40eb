import type { Pool, PoolClient } from 'pg';

/**
 * Gives the pool back the connections that die while checked out. Note: Kysely 0.29 releases a
 * transaction's connection only when COMMIT or ROLLBACK succeeds (kysely-org/kysely#1990), and
 * neither can on a connection the server closed (restart, failover, pg_terminate_backend): each
 * such transaction would keep its pool slot forever, until every request waits on an empty pool.
 * Here a client that errors or ends while checked out is released with the error, so the pool
 * discards it; releasing becomes idempotent, so the owner's own late release is harmless.
 */
export function releaseDeadClients(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    let release: PoolClient['release'] | undefined;
    let released = true;
    Object.defineProperty(client, 'release', {
      configurable: true,
      get: () => release,
      set: (poolRelease: PoolClient['release']) => {
        released = false;
        release = (error?: Error | boolean) => {
          if (released) return;
          released = true;
          poolRelease(error);
        };
      },
    });
    const discard = () => release?.(new Error('The database connection was lost.'));
    client.on('error', discard);
    client.on('end', discard);
  });
}
