import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCli, type CompiledCli } from '../helpers/compiled-cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Legacy flags load from CSV or JSON, once (loading again adds nothing), refusing unknown users and
 * scopes whole. The command runs compiled, as the production image runs it.
 */
let cli: CompiledCli;
let database: TestDatabase;
let dataDir: string;
const load = (file: string) => cli.runCli('legacy:load', [file], { DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '' });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-legacy-load-'));
  // The demo cast (the example file names its users and organizations), copied rather than seeded.
  [cli, database] = await Promise.all([compiledCli(), createTestDatabase({ from: 'seeded' })]);
  await database.prepareDataDir(dataDir);
}, 60_000);
afterAll(async () => {
  await cli?.remove();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run legacy:load', () => {
  it('loads the example CSV once', async () => {
    expect(await load('legacy/flags.example.csv')).toMatch(/Loaded 11 new flags \(11 in/);
    expect(await load('legacy/flags.example.csv')).toMatch(/Loaded 0 new flags \(11 in/);
  }, 60_000);

  it('loads JSON', async () => {
    const file = join(dataDir, 'flags.json');
    await writeFile(file, JSON.stringify([{ user: 'nobody', flag: 'can_view', scope: 'monsters/scare-floor' }]));
    expect(await load(file)).toMatch(/Loaded 1 new flags/);
  }, 60_000);

  it('refuses a file naming unknown users or scopes, naming each', async () => {
    const file = join(dataDir, 'bad.csv');
    await writeFile(file, 'user,flag,scope\nghost,can_view,beatles\npaul,can_view,nowhere\n');
    await expect(load(file)).rejects.toThrow(/line 2: unknown user "ghost"[\s\S]*line 3: unknown scope "nowhere"/);
  }, 60_000);
});
