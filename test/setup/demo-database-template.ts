// Vitest global setup: the databases test files start from, made once per run. Opening a fresh
// embedded database costs initdb and eight migrations (seconds each time on two cores), seeding
// the demo cast a few more; copying a finished one costs a fraction of that. Two templates:
// `migrated` (migrated, the policy synced, no data) and `seeded` (the same with the demo cast).
// On PostgreSQL (DATABASE_URL) each is a database used as the TEMPLATE of a test file's own; on
// embedded PGlite, a data folder (copied for commands and servers that open a folder) and, for
// the seeded one, a dumped data directory (in-memory test servers start from it). A PostgreSQL
// run makes the embedded ones too, after its own, when one of its files imports
// test/helpers/embedded-template.ts (tests that run on the embedded database whatever
// DATABASE_URL says).
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { onServer } from '../helpers/postgres-admin.js';

/** A template database: what it holds. */
export type TemplateName = 'migrated' | 'seeded';

/** The embedded templates: a data folder of each, and the seeded one's data directory dumped (a `dumpDataDir` tarball). */
export interface EmbeddedTemplates {
  readonly folders: Readonly<Record<TemplateName, string>>;
  readonly seededDump: string;
}

/** Where the run's own templates are: PostgreSQL database names, or the embedded templates. */
export type DatabaseTemplates =
  | { readonly kind: 'postgres'; readonly databases: Readonly<Record<TemplateName, string>> }
  | ({ readonly kind: 'pglite' } & EmbeddedTemplates);

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
    /**
     * The embedded templates, whatever DATABASE_URL says (see test/helpers/embedded-template.ts).
     * Null on a PostgreSQL run none of whose files imports that helper.
     */
    embeddedTemplates: EmbeddedTemplates | null;
  }
}

/** How a test file that needs the embedded templates on every run imports them. */
const embeddedTemplateImport = /\/embedded-template\.js['"]/;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'rolegate-templates-'));
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    try {
      const embedded = await makeEmbeddedTemplates(root);
      project.provide('databaseTemplates', { kind: 'pglite', ...embedded });
      project.provide('embeddedTemplates', embedded);
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    return () => rm(root, { recursive: true, force: true });
  }
  const suffix = randomBytes(6).toString('hex');
  const databases = { migrated: `rolegate_template_migrated_${suffix}`, seeded: `rolegate_template_seeded_${suffix}` };
  const teardown = async () => {
    for (const name of Object.values(databases)) await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await makePostgresTemplates(serverUrl, databases);
    // Then, not at once: the embedded database runs in this process, in stretches of seconds that
    // hold up its other work (a PostgreSQL connection being opened meanwhile timed out).
    const embedded = (await needsEmbeddedTemplates(project)) ? await makeEmbeddedTemplates(root) : null;
    project.provide('databaseTemplates', { kind: 'postgres', databases });
    project.provide('embeddedTemplates', embedded);
  } catch (error) {
    await teardown().catch(() => {});
    throw error;
  }
  return teardown;
}

async function makePostgresTemplates(serverUrl: string, databases: Readonly<Record<TemplateName, string>>): Promise<void> {
  await onServer(serverUrl, `create database "${databases.migrated}"`);
  await (
    await openGitClubDatabase({ databaseUrl: urlOf(serverUrl, databases.migrated), pgliteDataDir: '' }, { seedDemoData: false })
  ).close(true);
  await onServer(serverUrl, `create database "${databases.seeded}" template "${databases.migrated}"`);
  await (
    await openGitClubDatabase({ databaseUrl: urlOf(serverUrl, databases.seeded), pgliteDataDir: '' }, { seedDemoData: true })
  ).close(true);
}

async function makeEmbeddedTemplates(root: string): Promise<EmbeddedTemplates> {
  const folders = { migrated: join(root, 'migrated'), seeded: join(root, 'seeded') };
  await (await openGitClubDatabase({ pgliteDataDir: folders.migrated }, { seedDemoData: false })).close(true);
  await cp(folders.migrated, folders.seeded, { recursive: true });
  await (await openGitClubDatabase({ pgliteDataDir: folders.seeded }, { seedDemoData: true })).close(true);
  const pglite = await PGlite.create({ dataDir: folders.seeded });
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const seededDump = join(root, 'seeded.tar');
  await writeFile(seededDump, Buffer.from(await dump.arrayBuffer()));
  return { folders, seededDump };
}

/**
 * Whether a file of this run imports test/helpers/embedded-template.ts. The run's files are known
 * by now (vitest's state API, experimental); when they cannot be told, the templates are made.
 */
async function needsEmbeddedTemplates(project: TestProject): Promise<boolean> {
  let paths: string[];
  try {
    paths = project.vitest.state.getPaths();
  } catch {
    return true;
  }
  if (paths.length === 0) return true;
  const sources = await Promise.all(paths.map((path) => readFile(path, 'utf8').catch(() => '')));
  return sources.some((source) => embeddedTemplateImport.test(source));
}

function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
