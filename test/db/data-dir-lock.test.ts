import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { dataDirLockPath, DataDirLockedError, lockDataDir, type LockHolder } from '../../src/db/data-dir-lock.js';
import { openDatabase } from '../../src/db/database.js';
import { entities } from '../../src/gitclub/entities/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { compiledCli, type CompiledCli } from '../helpers/compiled-cli.js';
import { copyEmbeddedTemplate } from '../helpers/embedded-template.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * An embedded database (PGlite in DATA_DIR) serves one process at a time: a command-line tool or a
 * second `npm start` run while a server holds it is refused at once, naming the holder, and writes
 * nothing; once the server stops the tool works. A lock left by a dead process is taken over; one
 * from another host, or one that cannot be read, is refused. Always on PGlite, whatever
 * DATABASE_URL says: only the embedded database has this lock.
 */

/** A pid that was alive a moment ago and is not any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 0;
}

/** This host's start time of a process, as the lock records it (Linux), or undefined. */
function startOf(pid: number): string | undefined {
  if (!existsSync(`/proc/${pid}/stat`)) return undefined;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

const holder = (fields: Partial<LockHolder>): LockHolder => ({
  pid: 1,
  host: hostname(),
  command: '/srv/rolegate/src/main.ts',
  since: '2024-01-01T00:00:00.000Z',
  token: 'earlier-holder',
  ...fields,
});

describe('the lock of an embedded database folder', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rolegate-lock-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  // Where /proc tells start times (Linux), a live pid that started after the holder is a reused pid.
  const reusedPid = startOf(process.ppid) ? 'taken over' : /in use by process \d+ on this host/;
  const rows: [string, () => Promise<LockHolder | string>, 'taken over' | RegExp][] = [
    ['a dead process on this host: taken over', async () => holder({ pid: await deadPid() }), 'taken over'],
    [
      "this process's own pid, not a lock it holds (a restarted container): taken over",
      async () => holder({ pid: process.pid }),
      'taken over',
    ],
    [
      'a live pid that started later than the holder (a reused pid)',
      async () => holder({ pid: process.ppid, processStart: 'not-its-start' }),
      reusedPid,
    ],
    [
      'a live process on this host: refused, naming it',
      async () => holder({ pid: process.ppid, processStart: startOf(process.ppid) }),
      new RegExp(
        `in use by process ${process.ppid} on this host \\(/srv/rolegate/src/main.ts, since 2024-01-01T00:00:00.000Z\\)\\. .*stop that process first.*DATABASE_URL`,
      ),
    ],
    [
      'another host: refused, saying how to remove a stale lock',
      async () => holder({ host: 'elsewhere' }),
      /in use by process 1 on host "elsewhere" .*cannot be checked from this host.*If nothing runs there any more, delete .*rolegate\.lock/,
    ],
    ['an unreadable lock: refused', async () => '{"pid":', /rolegate\.lock, which cannot be read.*delete that file/],
  ];
  it.each(rows)('%s', async (_name, make, expected) => {
    const dir = await mkdtemp(join(folder, 'case-'));
    const made = await make();
    const written = typeof made === 'string' ? made : JSON.stringify(made);
    await writeFile(dataDirLockPath(dir), written);
    if (expected === 'taken over') {
      const lock = await lockDataDir(dir);
      expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
      await lock.release();
      expect(existsSync(lock.path)).toBe(false);
    } else {
      const refusal = lockDataDir(dir);
      await expect(refusal).rejects.toThrow(DataDirLockedError);
      await expect(refusal).rejects.toThrow(expected);
      expect(await readFile(dataDirLockPath(dir), 'utf8')).toBe(written);
    }
  });

  it('refuses a second lock in the same process, and is free again after release', async () => {
    const dir = await mkdtemp(join(folder, 'twice-'));
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by process \d+ \(this very process\)/);
    await lock.release();
    await lock.release();
    await (await lockDataDir(dir)).release();
    expect(existsSync(dataDirLockPath(dir))).toBe(false);
  });
});

describe('a command-line tool while the server holds DATA_DIR', () => {
  // The command runs compiled (as the production image runs it); `npm start` from the sources.
  let cli: CompiledCli;
  let dataDir: string;
  let server: RunningServer | undefined;
  // DATABASE_URL empty: the embedded database, even when the suite runs with DATABASE_URL set.
  let cliEnv: Record<string, string>;
  const platformRows = async () => {
    const db = await openDatabase({ pgliteDataDir: join(dataDir, 'pglite') }, entities);
    try {
      const [row] = await db.em.fork().execute<{ assignments: string; audited: string }[]>(
        `select (select count(*) from role_assignments where resource_type = 'platform') as assignments,
                (select count(*) from audit_log_entries where action = 'platform_role.changed') as audited`,
      );
      return { assignments: Number(row?.assignments), audited: Number(row?.audited) };
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rolegate-data-dir-lock-'));
    // The demo cast ('nobody'), copied from the run's embedded template rather than seeded.
    await copyEmbeddedTemplate(dataDir, 'seeded');
    cli = await compiledCli();
    cliEnv = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true' };
    server = await startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', SEED_DEMO_DATA: 'true', LOG_LEVEL: 'silent' }), {
      host: '127.0.0.1',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await cli?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  const refusal = new RegExp(
    `exited 1: The embedded database in .*pglite is in use by process ${process.pid} on this host \\(.*, since \\d{4}-.*\\)\\. .*stop that process first.*DATABASE_URL`,
  );
  const tools: [string, () => Promise<string>][] = [
    ['npm run platform -- grant support nobody', () => cli.runCli('platform', ['grant', 'support', 'nobody'], cliEnv)],
    ['a second npm start', () => runCli('src/main.ts', [], cliEnv)],
  ];
  it.each(tools)(
    '%s is refused at once, naming the server',
    async (_name, run) => {
      await expect(run()).rejects.toThrow(refusal);
    },
    60_000,
  );

  it('wrote nothing, and works once the server has stopped', async () => {
    await server?.stop();
    server = undefined;
    expect(existsSync(dataDirLockPath(join(dataDir, 'pglite')))).toBe(false);
    expect(await platformRows()).toEqual({ assignments: 0, audited: 0 });
    expect(await cli.runCli('platform', ['grant', 'support', 'nobody'], cliEnv)).toMatch(/nobody now holds platform role support/);
    expect(await platformRows()).toEqual({ assignments: 1, audited: 1 });
    expect(existsSync(dataDirLockPath(join(dataDir, 'pglite')))).toBe(false);
  }, 120_000);

  it('takes over a lock left by a crashed process', async () => {
    await writeFile(dataDirLockPath(join(dataDir, 'pglite')), JSON.stringify(holder({ pid: await deadPid(), command: 'crashed' })));
    expect(await cli.runCli('platform', ['list'], cliEnv)).toMatch(/nobody\W+support/);
    expect(existsSync(dataDirLockPath(join(dataDir, 'pglite')))).toBe(false);
  }, 60_000);

  it('refuses a lock from another host, saying how to remove it', async () => {
    await mkdir(join(dataDir, 'pglite'), { recursive: true });
    await writeFile(dataDirLockPath(join(dataDir, 'pglite')), JSON.stringify(holder({ host: 'other-container' })));
    await expect(cli.runCli('platform', ['revoke', 'nobody'], cliEnv)).rejects.toThrow(
      /exited 1: .*on host "other-container".*delete .*rolegate\.lock and try again/,
    );
    await rm(dataDirLockPath(join(dataDir, 'pglite')));
    expect(await platformRows()).toEqual({ assignments: 1, audited: 1 });
  }, 60_000);
});
