import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { entities } from '../../src/gitclub/entities/index.js';
import { projectRoot } from '../../src/project-root.js';
import { compiledCli, type CompiledCli } from '../helpers/compiled-cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * The legacy migration on a generated data set of 1,000 users: analyze proposes roles, plan writes
 * nothing, apply is killed midway and resumed, a second apply changes nothing, and every
 * assignment is audited with the migration as actor. The commands run compiled, as the production
 * image runs them.
 */
let cli: CompiledCli;
let dataDir: string;
let database: TestDatabase;
let env: Record<string, string>;

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: database.databaseUrl, pgliteDataDir: join(dataDir, 'pglite') }, entities);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const count = (sql: string) => withDatabase(async (db) => Number((await db.em.fork().execute<{ n: string }[]>(sql))[0]?.n ?? 0));
const assignments = () =>
  count(`select count(*) as n from role_assignments ra join users u on u.id = ra.user_id where u.login like 'legacy-user-%'`);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-legacy-'));
  // A migrated database without data: this is about legacy data, not about making the schema.
  [cli, database] = await Promise.all([compiledCli(), createTestDatabase({ from: 'migrated' })]);
  await database.prepareDataDir(dataDir);
  env = { DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '', SEED_DEMO_DATA: 'false' };
  // Enough users for several batches on either side of the kill; the seed's 10,000 are the bench's scale, not a test's.
  const generated = await cli.runCli('legacy:generate', ['--users', '1000'], env);
  expect(generated).toMatch(/Generated 1000 legacy users/);
}, 240_000);
afterAll(async () => {
  await cli?.remove();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the legacy migration', () => {
  let draft: string;
  let planned: number;

  it('analyze groups users by identical flag sets and writes a mapping draft', async () => {
    draft = join(dataDir, 'draft.json');
    const printed = await cli.runCli('migrate:legacy', ['analyze', '--out', draft], env);
    expect(printed).toMatch(/can_view/);
    expect(printed).toMatch(/Flags that map to no permission: beta_tester/);
  }, 120_000);

  it('plan shows the changes and writes nothing', async () => {
    const printed = await cli.runCli('migrate:legacy', ['plan', '--mapping', draft], env);
    planned = Number(/Totals: (\d+) assignments to add/.exec(printed)?.[1]);
    expect(planned).toBeGreaterThan(500);
    expect(printed).toMatch(/Flags that map to nothing \(reported, not migrated\): .*can_view_dashboard/);
    expect(printed).toMatch(/Dry run: nothing was written/);
    expect(await assignments()).toBe(0);
  }, 120_000);

  it('apply, killed midway, resumes where it stopped', async () => {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [cli.file('migrate:legacy'), 'apply', '--mapping', draft, '--batch-size', '125', '--progress'],
        { cwd: projectRoot, env: { ...process.env, ...env } },
      );
      let progress = '';
      child.stderr.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        // Killed once 500 of the 1,000 users are done: batches of 125 on either side of the kill.
        if (/\] [5-8]\d\d\/\d+ users/.test(progress)) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`apply was not killed midway (exit ${code}): ${progress}`)),
      );
    });
    const partial = await assignments();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(planned);
    const resumed = await cli.runCli('migrate:legacy', ['apply', '--mapping', draft, '--batch-size', '125'], env);
    expect(resumed).toMatch(new RegExp(`Applied: ${planned - partial} assignments added, ${partial} already in place`));
    expect(await assignments()).toBe(planned);
  }, 240_000);

  it('a second apply changes nothing and says so', async () => {
    const again = await cli.runCli('migrate:legacy', ['apply', '--mapping', draft], env);
    expect(again).toMatch(/Nothing to change/);
    expect(await assignments()).toBe(planned);
  }, 120_000);

  it('audits every assignment with the migration as actor', async () => {
    expect(
      await count(
        `select count(*) as n from audit_log_entries where request_id = 'migration:legacy' and actor_id is null and after->>'actor' = 'legacy-migration'`,
      ),
    ).toBe(planned);
  });
});
