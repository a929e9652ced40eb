import pg from 'pg';

/** The advisory lock key every Rolegate instance takes while it prepares a shared database. */
const startupLockKey = 0x526f6c65; // "Role"

/**
 * Runs `prepare` (migrations, the policy sync, the demo seed) while holding a PostgreSQL advisory
 * lock on its own connection, so instances started together take turns instead of racing to
 * create the same tables and rows. The lock ends with the connection, even if the process dies.
 * An embedded database has a single process by construction: no lock.
 */
export async function underStartupLock<T>(databaseUrl: string | undefined, prepare: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return prepare();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'rolegate-startup' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [startupLockKey]);
    return await prepare();
  } finally {
    await client.end();
  }
}
