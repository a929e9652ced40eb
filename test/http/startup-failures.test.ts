// `npm start` that cannot start says why in one line naming the setting (no stack trace, no
// password), and says "ready" only when /readyz would. Always on the embedded database.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupFailureLine, withoutPassword } from '../../src/startup-failure.js';
import { loadConfig } from '../../src/config.js';
import { PendingMigrationsError } from '../../src/db/database.js';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { copyEmbeddedTemplate } from '../helpers/embedded-template.js';
import type { TemplateName } from '../setup/demo-database-template.js';
import { testNodeFlags } from '../helpers/run-process.js';

const root = new URL('../..', import.meta.url).pathname;
const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, [...testNodeFlags, '--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // PORT 0 unless a row names one: a server already on 4000 (a developer's npm start) would be refused first.
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: '0',
      DATA_DIR: 'memory://',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });

/** A DATA_DIR of its own holding a copy of the run's `from` template (the server starts on it instead of making one). */
const dataDirs: string[] = [];
async function dataDirFrom(from: TemplateName): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rolegate-startup-'));
  dataDirs.push(dataDir);
  await copyEmbeddedTemplate(dataDir, from);
  return dataDir;
}

/** An empty DATA_DIR of its own. */
async function emptyDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rolegate-startup-'));
  dataDirs.push(dataDir);
  return dataDir;
}
let portInUseDataDir = '';

let occupied: Server;
let usedPort: number;
beforeAll(async () => {
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '0.0.0.0', resolve));
  usedPort = (occupied.address() as AddressInfo).port;
});
afterAll(async () => {
  occupied?.close();
  await Promise.all(dataDirs.map((dataDir) => rm(dataDir, { recursive: true, force: true })));
});

describe('a server that cannot start', () => {
  it.each<[string, () => Promise<Record<string, string>>, () => string]>([
    [
      'a port in use',
      // Found before the database is opened: the DATA_DIR stays empty (checked below).
      async () => ({ PORT: String(usedPort), DATA_DIR: (portInUseDataDir = await emptyDataDir()) }),
      () => `PORT ${usedPort} is already in use`,
    ],
    [
      'a database that does not answer',
      async () => ({ DATABASE_URL: 'postgres://rolegate:s3cret-password@127.0.0.1:1/rolegate' }),
      () => 'Cannot reach the database at DATABASE_URL (postgres://rolegate:***@127.0.0.1:1/rolegate): ECONNREFUSED',
    ],
    // Each refusal's sentence is in test/http/configuration.test.ts; here, that `npm start` stops on the first.
    [
      'NODE_ENV=production without DATABASE_URL',
      async () => ({ NODE_ENV: 'production' }),
      () => 'Configuration error: DATABASE_URL (or DATABASE_URL_FILE) is unset with NODE_ENV=production',
    ],
  ])('%s: exit 1, one line naming the setting, no stack, no password', async (name, env, line) => {
    const started = start(await env());
    expect(started.status).toBe(1);
    const lines = started.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(line());
    expect(started.stderr).not.toContain('s3cret-password');
    expect(started.stdout).not.toContain('ready');
    if (name === 'a port in use') expect(await readdir(portInUseDataDir)).toEqual([]);
  });
});

describe('pending migrations with MIGRATE_AT_START=false', () => {
  // In process rather than a spawned `npm start`: the line is startupFailureLine's, which main.ts prints as it is.
  it('refuses to open the database, in one line naming each migration and the command', async () => {
    const refused = await openGitClubDatabase({ pgliteDataDir: 'memory://', migrate: false }, { seedDemoData: false }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PendingMigrationsError);
    const line = startupFailureLine(refused, loadConfig({ MIGRATE_AT_START: 'false' })) ?? '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('pending migration(s) (Migration20261122022532,');
    expect(line).toContain('MIGRATE_AT_START=false: run `npm run db:migrate`');
  });
});

describe('the start-up banner', () => {
  it('says NOT READY, naming REDIS_URL, while Redis does not answer (as /readyz would)', async () => {
    const dataDir = await dataDirFrom('seeded');
    const child = spawn(process.execPath, [...testNodeFlags, '--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' },
    });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before its banner`)));
      });
      expect(banner).toContain('NOT READY');
      expect(banner).toContain('REDIS_URL');
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('startupFailureLine', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://app:pw@db.internal:5432/app', PORT: '4000' });
  const withCode = (code: string) => Object.assign(new Error('driver'), { cause: Object.assign(new Error('inner'), { code }) });
  it.each([
    ['28P01', 'refused the login'],
    ['3D000', 'does not exist'],
    ['ENOTFOUND', 'Cannot reach the database'],
  ])('%s (nested in cause): %s, password hidden', (code, words) => {
    const line = startupFailureLine(withCode(code), config);
    expect(line).toContain(words);
    expect(line).toContain('postgres://app:***@db.internal:5432/app');
  });

  it('leaves other errors to be printed whole (a bug is no setting)', () => {
    expect(startupFailureLine(new TypeError('x is undefined'), config)).toBeUndefined();
  });

  it('hides the password of any URL', () => {
    expect(withoutPassword('postgres://u:p@h/d')).toBe('postgres://u:***@h/d');
  });
});
