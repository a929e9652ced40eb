import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { entities } from '../../src/gitclub/entities/index.js';
import { compiledCli, type CompiledCli } from '../helpers/compiled-cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * `npm run legacy:generate` creates users who all sign in with the published demo password: with
 * NODE_ENV=production it is refused (naming the flag that forces it) and creates nobody, unless
 * `--force-in-production` is given. Rows run in order on one database; each states the number of
 * generated users afterwards. The command runs compiled, as the production image runs it.
 */
let cli: CompiledCli;
let dataDir: string;
let database: TestDatabase;

async function generatedUsers(): Promise<number> {
  const db = await openDatabase({ databaseUrl: database.databaseUrl, pgliteDataDir: join(dataDir, 'pglite') }, entities);
  try {
    const [row] = await db.em.fork().execute<{ n: string }[]>(`select count(*) as n from users where login like 'legacy-user-%'`);
    return Number(row?.n);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-legacy-generate-'));
  // A migrated database without data: the rows are about the refusal, not about making the schema.
  [cli, database] = await Promise.all([compiledCli(), createTestDatabase({ from: 'migrated' })]);
  await database.prepareDataDir(dataDir);
});
afterAll(async () => {
  await cli?.remove();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run legacy:generate with NODE_ENV=production', () => {
  const rows: [string, string, string[], RegExp, number][] = [
    [
      'is refused without the flag, naming it',
      'production',
      ['--users', '3'],
      /exited 1: Refusing to generate legacy users with NODE_ENV=production: .*demo password "rolegate-demo"\. Pass --force-in-production/,
      0,
    ],
    ['goes ahead with --force-in-production', 'production', ['--users', '3', '--force-in-production'], /Generated 3 legacy users/, 3],
    ['needs no flag outside production', 'development', ['--users', '4'], /Generated 4 legacy users/, 4],
  ];
  it.each(rows)(
    '%s',
    async (_name, nodeEnv, args, printed, usersAfter) => {
      const env = { DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '', NODE_ENV: nodeEnv, SEED_DEMO_DATA: 'false' };
      const outcome = await cli.runCli('legacy:generate', args, env).then(
        (out) => out,
        (error: unknown) => (error as Error).message,
      );
      expect(outcome).toMatch(printed);
      expect(await generatedUsers()).toBe(usersAfter);
    },
    120_000,
  );
});
