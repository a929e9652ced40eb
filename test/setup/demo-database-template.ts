// Vitest global setup: the databases test files start from, made once per run. Opening a fresh
// embedded database costs initdb and eight migrations (seconds each time on two cores), seeding
// the demo cast a few more; copying a finished one costs a fraction of that. Two templates:
// `migrated` (migrated, the policy synced, no data) and `seeded` (the same with the demo cast).
// On PostgreSQL (DATABASE_URL) each is a database used as the TEMPLATE of a test file's own; on
// embedded PGlite, a data folder (copied for commands and servers that open a folder) and, for
// the seeded one, a dumped data directory (in-memory test servers start from it).
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { onServer } from '../helpers/postgres-admin.js';

/** A template database: what it holds. */
export type TemplateName = 'migrated' | 'seeded';

/** Where the templates are: PostgreSQL database names, or embedded data folders and the seeded dump. */
export type DatabaseTemplates =
  | { readonly kind: 'postgres'; readonly databases: Readonly<Record<TemplateName, string>> }
  | { readonly kind: 'pglite'; readonly folders: Readonly<Record<TemplateName, string>>; readonly seededDump: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const suffix = randomBytes(6).toString('hex');
    const databases = { migrated: `rolegate_template_migrated_${suffix}`, seeded: `rolegate_template_seeded_${suffix}` };
    await onServer(serverUrl, `create database "${databases.migrated}"`);
    await (
      await openGitClubDatabase({ databaseUrl: urlOf(serverUrl, databases.migrated), pgliteDataDir: '' }, { seedDemoData: false })
    ).close(true);
    await onServer(serverUrl, `create database "${databases.seeded}" template "${databases.migrated}"`);
    await (
      await openGitClubDatabase({ databaseUrl: urlOf(serverUrl, databases.seeded), pgliteDataDir: '' }, { seedDemoData: true })
    ).close(true);
    project.provide('databaseTemplates', { kind: 'postgres', databases });
    return async () => {
      for (const name of Object.values(databases)) await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
    };
  }
  const root = await mkdtemp(join(tmpdir(), 'rolegate-templates-'));
  const folders = { migrated: join(root, 'migrated'), seeded: join(root, 'seeded') };
  await (await openGitClubDatabase({ pgliteDataDir: folders.migrated }, { seedDemoData: false })).close(true);
  await cp(folders.migrated, folders.seeded, { recursive: true });
  await (await openGitClubDatabase({ pgliteDataDir: folders.seeded }, { seedDemoData: true })).close(true);
  const pglite = await PGlite.create({ dataDir: folders.seeded });
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const seededDump = join(root, 'seeded.tar');
  await writeFile(seededDump, Buffer.from(await dump.arrayBuffer()));
  project.provide('databaseTemplates', { kind: 'pglite', folders, seededDump });
  return () => rm(root, { recursive: true, force: true });
}

function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
