import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { TemplateName } from '../setup/demo-database-template.js';
import { readSeededDump } from './test-database.js';

// For tests that always run on the embedded database, whatever DATABASE_URL says. The global setup
// (test/setup/demo-database-template.ts) makes the embedded templates on a PostgreSQL run too when
// a file of the run imports this module; otherwise (a watch-mode rerun adding such a file) there is
// nothing to copy, and the database is made from nothing as it would be without templates.

/** Puts a copy of the run's embedded `from` template in `dataDir` (as `<dataDir>/pglite`, where DATA_DIR keeps it). */
export async function copyEmbeddedTemplate(dataDir: string, from: TemplateName): Promise<void> {
  const templates = inject('embeddedTemplates');
  if (templates) await cp(templates.folders[from], join(dataDir, 'pglite'), { recursive: true });
}

/** The run's embedded seeded template as a data directory an in-memory database starts from (its `pgliteTemplate`). */
export async function embeddedSeededDump(): Promise<Blob | undefined> {
  const templates = inject('embeddedTemplates');
  return templates ? readSeededDump(templates.seededDump) : undefined;
}
