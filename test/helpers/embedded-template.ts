import type { TemplateName } from '../setup/demo-database-template.js';
import { createTestDatabase } from './test-database.js';

/**
 * For a test that always runs on the embedded database, whatever DATABASE_URL says: puts a copy of
 * the run's `from` template in `dataDir` (as `<dataDir>/pglite`). A run on PostgreSQL keeps its
 * templates there, so the folder stays empty and the database is made in it from nothing.
 */
export async function copyEmbeddedTemplate(dataDir: string, from: TemplateName): Promise<void> {
  if (process.env.DATABASE_URL) return;
  await (await createTestDatabase({ from })).prepareDataDir(dataDir);
}
