import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { embeddedWorldDatabases, type OpenWorldDatabase } from '../../src/policy-tests/world-databases.js';
import { createTestDatabase } from '../helpers/test-database.js';

/**
 * Fresh world databases for policy tests, from the run's `migrated` template (migrated, the policy
 * synced, no data; see test/setup/demo-database-template.ts): on PostgreSQL (DATABASE_URL) a new
 * database copied from it for each file, dropped after; embedded, an in-memory one started from its
 * data directory, dumped once per test file.
 */
export function testWorldDatabases(): OpenWorldDatabase {
  if (!process.env.DATABASE_URL) return embeddedWorldDatabases(dumpMigratedTemplate);
  return async () => {
    const database = await createTestDatabase({ from: 'migrated' });
    const db = await openGitClubDatabase({ databaseUrl: database.databaseUrl, pgliteDataDir: '' }, { seedDemoData: false });
    return {
      db,
      close: async () => {
        await db.close(true);
        await database.drop();
      },
    };
  };
}

let dumped: Promise<Blob> | undefined;
/** The embedded `migrated` template's data directory, dumped once per worker (the run's template does not change). */
function dumpMigratedTemplate(): Promise<Blob> {
  dumped ??= dumpFolder();
  return dumped;
}

/** Dumps a copy of the `migrated` template's folder (the template itself stays untouched). */
async function dumpFolder(): Promise<Blob> {
  const templates = inject('databaseTemplates');
  if (templates.kind !== 'pglite') throw new Error('The embedded templates are made on embedded runs only.');
  const folder = await mkdtemp(join(tmpdir(), 'rolegate-policy-tests-'));
  try {
    await cp(templates.folders.migrated, folder, { recursive: true });
    const pglite = await PGlite.create({ dataDir: folder });
    try {
      return await pglite.dumpDataDir('none');
    } finally {
      await pglite.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
