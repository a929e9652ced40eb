import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database private to one test file: embedded in memory, or a fresh database on DATABASE_URL's server. */
export interface TestDatabase {
  readonly databaseUrl: string | undefined;
  drop(): Promise<void>;
}

/**
 * Creates the test file's own database. With DATABASE_URL set, a new database is created on that
 * server (and dropped afterwards), so files never share state and the real server is exercised.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { databaseUrl: undefined, drop: async () => {} };
  const name = `rolegate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
