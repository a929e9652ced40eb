import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** Legacy flags load from CSV or JSON, once (loading again adds nothing), refusing unknown users and scopes whole. */
let api: TestServer;
let dataDir: string;
let env: Record<string, string | undefined>;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-legacy-load-'));
  api = await startTestServer({}, { DATA_DIR: dataDir });
  await api.stopServer();
  env = { DATA_DIR: dataDir, DATABASE_URL: api.databaseUrl };
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run legacy:load', () => {
  it('loads the example CSV once', async () => {
    expect(await runCli('src/cli/legacy-load.ts', ['legacy/flags.example.csv'], env)).toMatch(/Loaded 11 new flags \(11 in/);
    expect(await runCli('src/cli/legacy-load.ts', ['legacy/flags.example.csv'], env)).toMatch(/Loaded 0 new flags \(11 in/);
  }, 60_000);

  it('loads JSON', async () => {
    const file = join(dataDir, 'flags.json');
    await writeFile(file, JSON.stringify([{ user: 'nobody', flag: 'can_view', scope: 'monsters/scare-floor' }]));
    expect(await runCli('src/cli/legacy-load.ts', [file], env)).toMatch(/Loaded 1 new flags/);
  }, 60_000);

  it('refuses a file naming unknown users or scopes, naming each', async () => {
    const file = join(dataDir, 'bad.csv');
    await writeFile(file, 'user,flag,scope\nghost,can_view,beatles\npaul,can_view,nowhere\n');
    await expect(runCli('src/cli/legacy-load.ts', [file], env)).rejects.toThrow(
      /line 2: unknown user "ghost"[\s\S]*line 3: unknown scope "nowhere"/,
    );
  }, 60_000);
});
