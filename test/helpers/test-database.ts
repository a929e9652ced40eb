import { randomBytes } from 'node:crypto';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { onServer } from './postgres-admin.js';
import type { TemplateName } from '../setup/demo-database-template.js';

/** A database private to one test file: embedded, or a fresh database on DATABASE_URL's server. */
export interface TestDatabase {
  readonly databaseUrl: string | undefined;
  /** On the embedded database, for an in-memory server: the data directory a seeded one starts from (pass it to `startServer`). */
  readonly pgliteTemplate: Blob | undefined;
  /**
   * On the embedded database, for a command or server given DATA_DIR: puts the template's data
   * folder where that DATA_DIR keeps it (`<dataDir>/pglite`). Nothing to do on PostgreSQL.
   */
  prepareDataDir(dataDir: string): Promise<void>;
  drop(): Promise<void>;
}

/**
 * Creates the test file's own database: empty, or a copy of the run's `from` template (`migrated`,
 * or `seeded` with the demo cast; see test/setup/demo-database-template.ts). With DATABASE_URL
 * set, a new database is created on that server (and dropped afterwards), so files never share
 * state and the real server is exercised.
 */
export async function createTestDatabase(options: { readonly from?: TemplateName } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const templates = options.from ? inject('databaseTemplates') : undefined;
  if (!serverUrl) {
    const folder = templates?.kind === 'pglite' && options.from ? templates.folders[options.from] : undefined;
    return {
      databaseUrl: undefined,
      pgliteTemplate: templates?.kind === 'pglite' && options.from === 'seeded' ? await readSeededDump(templates.seededDump) : undefined,
      prepareDataDir: async (dataDir) => {
        if (folder) await cp(folder, join(dataDir, 'pglite'), { recursive: true });
      },
      drop: async () => {},
    };
  }
  const name = `rolegate_test_${randomBytes(6).toString('hex')}`;
  const from = templates?.kind === 'postgres' && options.from ? ` template "${templates.databases[options.from]}"` : '';
  await onServer(serverUrl, `create database "${name}"${from}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    pgliteTemplate: undefined,
    prepareDataDir: async () => {},
    drop: () => onServer(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

let dump: Promise<Blob> | undefined;
/** The seeded template's data directory, read once per worker. */
export function readSeededDump(file: string): Promise<Blob> {
  dump ??= readFile(file).then((bytes) => new Blob([bytes]));
  return dump;
}
