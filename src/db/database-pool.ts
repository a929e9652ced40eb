import type { Database } from './database.js';

/** The `pg` pool's counts, as the metrics read them. */
interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * The connection pool's state on PostgreSQL (connections open, idle, and requests waiting for
 * one); undefined on the embedded database, which has a single connection and no pool.
 */
export async function databasePoolOf(
  db: Database,
  databaseUrl: string | undefined,
): Promise<{ total: number; idle: number; waiting: number } | undefined> {
  if (!databaseUrl) return undefined;
  const connection = db.em.getConnection() as unknown as { getNativeClient(): Promise<Partial<PoolCounts>> };
  const pool = await connection.getNativeClient();
  if (typeof pool.totalCount !== 'number') return undefined;
  return { total: pool.totalCount, idle: pool.idleCount ?? 0, waiting: pool.waitingCount ?? 0 };
}
