import type { Database } from '../db/database.js';
import { openGitClubDatabase } from '../gitclub/gitclub-database.js';

/** A database of one policy-test file's own: migrated, the policy synced, no data; and how to be done with it. */
export interface WorldDatabase {
  readonly db: Database;
  close(): Promise<void>;
}

/** Opens a fresh world database: one per file, so files never see each other's worlds. */
export type OpenWorldDatabase = () => Promise<WorldDatabase>;

/** The embedded driver's connection, which hands out its PGlite instance (to dump its data directory). */
interface EmbeddedConnection {
  getNativeClient(): Promise<{ dumpDataDir(compression: 'none'): Promise<Blob> }>;
}

/**
 * Fresh embedded (in-memory PGlite) databases. Migrating one costs seconds, so it is done once, the
 * first time one is asked for (or `template` gives the migrated data directory already dumped), and
 * each database starts from a copy of it; opening still syncs the policy, so the code that opens it
 * is what the built-in roles say.
 */
export function embeddedWorldDatabases(template?: () => Promise<Blob>): OpenWorldDatabase {
  let dump: Promise<Blob> | undefined;
  const migrated = async (): Promise<Blob> => {
    const db = await openGitClubDatabase({ pgliteDataDir: 'memory://' }, { seedDemoData: false });
    try {
      const client = await (db.em.getConnection() as unknown as EmbeddedConnection).getNativeClient();
      return await client.dumpDataDir('none');
    } finally {
      await db.close(true);
    }
  };
  return async () => {
    dump ??= (template ?? migrated)();
    const db = await openGitClubDatabase({ pgliteDataDir: 'memory://', pgliteTemplate: await dump }, { seedDemoData: false });
    return { db, close: () => db.close(true) };
  };
}
