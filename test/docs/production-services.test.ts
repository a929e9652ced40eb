// The production database roles and Redis configuration (issue 22), run for real where the binaries
// are installed (no Docker here: the same files the containers get, on local servers of our own).
//
// PostgreSQL: deploy/postgres-init.sh on a fresh cluster, as the image's entrypoint runs it; then
// the real migrations as the owner role (rolegate). The runtime role (rolegate_app) then reads and
// writes every table the migrations made, and can neither change the schema, truncate a table nor
// drop the audit log's append-only trigger.
//
// Redis: deploy/redis.conf, with only its port, data folder and included password file moved, and
// the compose file's own health-check command.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGitClubDatabase } from '../../src/gitclub/gitclub-database.js';
import { projectRoot } from '../../src/project-root.js';
import { freePort } from '../helpers/free-port.js';
import { production, read } from './production-files.js';

const onPath = (command: string) => spawnSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();

/** PostgreSQL's server programs: on the PATH, or in Debian's versioned folder. */
function postgresBin(): string | undefined {
  const initdb = onPath('initdb');
  if (initdb && onPath('pg_ctl')) return join(initdb, '..');
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((version) => `/usr/lib/postgresql/${version}/bin`).find((bin) => existsSync(join(bin, 'initdb')));
}
/** The operating-system user PostgreSQL runs as (initdb refuses root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

const bin = postgresBin();
const user = postgresUser();
const canRunPostgres = process.getuid?.() === 0 && bin !== undefined && user !== undefined && onPath('psql') !== '';

describe.skipIf(!canRunPostgres)('deploy/postgres-init.sh on a fresh PostgreSQL, then the migrations as the owner', () => {
  const { uid, gid } = user ?? { uid: 0, gid: 0 };
  let folder = '';
  let secrets = '';
  const ownerPassword = 'owner-password-0123';
  const appPassword = 'app-password-4567';
  let port = 0;
  const asPostgres = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(command, args, { uid, gid, encoding: 'utf8', cwd: folder, env: { PATH: `${bin}:${process.env.PATH}`, ...env } });
  const initEnv = () => ({
    PGHOST: folder,
    PGPORT: String(port),
    POSTGRES_USER: 'postgres',
    POSTGRES_DB: 'rolegate',
    ROLEGATE_SECRETS_DIR: secrets,
  });
  const connect = async (user: string, password: string, database = 'rolegate') => {
    const client = new pg.Client({ host: '127.0.0.1', port, user, password, database });
    await client.connect();
    return client;
  };
  const url = (user: string, password: string) => `postgres://${user}:${password}@127.0.0.1:${port}/rolegate`;
  let app: pg.Client;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rolegate-postgres-'));
    secrets = join(folder, 'secrets');
    chownSync(folder, uid, gid);
    port = await freePort();
    const initdb = asPostgres(join(bin ?? '', 'initdb'), ['-D', 'data', '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256']);
    expect(initdb.status, initdb.stderr).toBe(0);
    const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1`;
    const start = asPostgres(join(bin ?? '', 'pg_ctl'), ['-D', 'data', '-o', options, '-l', 'log', '-w', 'start']);
    expect(start.status, start.stderr).toBe(0);
    // What the image's entrypoint does before its init scripts: POSTGRES_DB created, owned by the superuser.
    const created = asPostgres('psql', ['-h', folder, '-p', String(port), '-U', 'postgres', '-c', 'create database rolegate']);
    expect(created.status, created.stderr).toBe(0);
    mkdirSync(secrets);
    for (const [name, value] of [
      ['postgres_owner_password', ownerPassword],
      ['postgres_app_password', appPassword],
    ]) {
      writeFileSync(join(secrets, name ?? ''), value ?? '', { mode: 0o600 });
      chownSync(join(secrets, name ?? ''), uid, gid);
    }
    chownSync(secrets, uid, gid);
  }, 60_000);

  afterAll(async () => {
    await app?.end();
    asPostgres(join(bin ?? '', 'pg_ctl'), ['-D', 'data', '-m', 'immediate', '-w', 'stop']);
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs as the entrypoint runs it (executed; sourced without leaking its shell options), again and again', () => {
    expect(read('deploy/postgres-init.sh')).toMatch(/^#!\/usr\/bin\/env bash\n/);
    const script = join(projectRoot, 'deploy/postgres-init.sh');
    const executed = asPostgres(script, [], initEnv());
    expect(executed.status, executed.stderr).toBe(0);
    expect(executed.stdout).toContain('CREATE ROLE');
    // Not executable (a checkout that lost the bit), the entrypoint sources it, under its own `set -Eeo pipefail`.
    const sourced = asPostgres('bash', ['-c', `set -Eeo pipefail; . ${script}; echo "options $-"`], initEnv());
    expect(sourced.status, sourced.stderr).toBe(0);
    expect(sourced.stdout).not.toContain('CREATE ROLE');
    expect(sourced.stdout).toMatch(/^options [^u\n]*$/m);
  });

  it('stops when a password file is missing, naming it', () => {
    const missing = asPostgres(join(projectRoot, 'deploy/postgres-init.sh'), [], { ...initEnv(), ROLEGATE_SECRETS_DIR: join(folder, 'none') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${join(folder, 'none')}/postgres_owner_password is missing or empty`);
  });

  it('makes neither role a superuser, and the owner own the database', async () => {
    const owner = await connect('rolegate', ownerPassword);
    try {
      const { rows } = await owner.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
        `select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname in ('rolegate', 'rolegate_app') order by rolname`,
      );
      expect(rows).toEqual([
        { rolname: 'rolegate', rolsuper: false, rolcreaterole: false, rolcreatedb: false },
        { rolname: 'rolegate_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false },
      ]);
      const database = await owner.query(`select pg_get_userbyid(datdba) as owner from pg_database where datname = 'rolegate'`);
      expect(database.rows).toEqual([{ owner: 'rolegate' }]);
    } finally {
      await owner.end();
    }
    await expect(connect('rolegate_app', 'not-the-password')).rejects.toMatchObject({ code: '28P01' });
  });

  it('migrates as the owner; the runtime role reads and writes every table the migrations made, and owns none', async () => {
    const owner = await openGitClubDatabase({ databaseUrl: url('rolegate', ownerPassword), pgliteDataDir: '' }, { seedDemoData: false });
    await owner.close();
    app = await connect('rolegate_app', appPassword);
    const { rows } = await app.query<{ name: string; owner: string; rows: boolean; truncate: boolean; trigger: boolean }>(`
      select c.relname as name, pg_get_userbyid(c.relowner) as owner,
        (select bool_and(has_table_privilege(c.oid, p)) from unnest(array['select', 'insert', 'update', 'delete']) p) as rows,
        has_table_privilege(c.oid, 'truncate') as truncate, has_table_privilege(c.oid, 'trigger') as trigger
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`);
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(['audit_log_entries', 'users', 'mikro_orm_migrations']));
    for (const row of rows) expect(row, row.name).toEqual({ name: row.name, owner: 'rolegate', rows: true, truncate: false, trigger: false });
    const sequences = await app.query<{ name: string; usage: boolean; select: boolean; update: boolean }>(`
      select c.relname as name,
        case when c.relkind = 'S' then has_sequence_privilege(c.oid, 'usage') end as usage,
        case when c.relkind = 'S' then has_sequence_privilege(c.oid, 'select') end as select,
        case when c.relkind = 'S' then has_sequence_privilege(c.oid, 'update') end as update
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by 1`);
    expect(sequences.rows.map((row) => row.name)).toContain('mikro_orm_migrations_id_seq');
    for (const row of sequences.rows) expect(row, row.name).toEqual({ name: row.name, usage: true, select: true, update: false });
  }, 120_000);

  it('keeps the runtime role from changing the schema: no dropped trigger, no truncate, no new or altered table', async () => {
    const trigger = await app.query(`select tgname from pg_trigger where tgrelid = 'audit_log_entries'::regclass and not tgisinternal`);
    expect(trigger.rows).toEqual([{ tgname: 'audit_log_entries_append_only' }]);
    for (const statement of [
      'drop trigger audit_log_entries_append_only on audit_log_entries',
      'alter table audit_log_entries disable trigger audit_log_entries_append_only',
      'truncate audit_log_entries',
      'drop table audit_log_entries',
      'alter table users add column intruder text',
      'create table intruder (id int)',
      'create temporary table intruder (id int)',
      'create function intruder() returns int language sql as $$ select 1 $$',
    ]) {
      await expect(app.query(statement), statement).rejects.toMatchObject({ code: '42501' });
    }
    // It adds entries to the audit log, and the trigger refuses it any change to them.
    await app.query(`insert into audit_log_entries (id, action, created_at) values (gen_random_uuid(), 'test.entry', now())`);
    for (const statement of [`update audit_log_entries set action = 'test.changed'`, 'delete from audit_log_entries']) {
      await expect(app.query(statement), statement).rejects.toThrow('audit_log_entries is append-only');
    }
  });

  it("lets the runtime role open the application's database (no pending migration: nothing to create)", async () => {
    const runtime = await openGitClubDatabase({ databaseUrl: url('rolegate_app', appPassword), pgliteDataDir: '' }, { seedDemoData: false });
    await runtime.close();
  }, 120_000);

  it('lets no other role connect to the database', async () => {
    const superuser = new pg.Client({ host: folder, port, user: 'postgres', database: 'postgres' });
    await superuser.connect();
    try {
      await superuser.query(`create role intruder login password 'intruder'`);
    } finally {
      await superuser.end();
    }
    await expect(connect('intruder', 'intruder')).rejects.toMatchObject({ code: '42501' });
  });
});

const redisServer = onPath('redis-server');
describe.skipIf(!redisServer || !onPath('redis-cli'))("deploy/redis.conf and the compose file's Redis health check", () => {
  let folder = '';
  const password = 'redis-password-89ab';
  let port = 0;
  let redis: ChildProcess | undefined;
  /** The compose file's health-check command, on this folder's secrets and this server's port. */
  const healthCheck = () => {
    const [, command] = production.services.redis?.healthcheck?.test ?? [];
    expect(command?.match(/redis-cli /g)).toHaveLength(1);
    return (command ?? '').replaceAll('$$', '$').replaceAll('/run/secrets/', `${folder}/`).replace('redis-cli ', `redis-cli -p ${port} `);
  };
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rolegate-redis-'));
    port = await freePort();
    mkdirSync(join(folder, 'data'));
    writeFileSync(join(folder, 'redis_password'), password);
    writeFileSync(join(folder, 'redis_auth'), `requirepass ${password}\n`);
    const moved: [RegExp, string][] = [
      [/^port 6379$/m, `port ${port}`],
      [/^dir \/data$/m, `dir ${folder}/data`],
      [/^include \/run\/secrets\/redis_auth$/m, `include ${folder}/redis_auth`],
    ];
    let conf = read('deploy/redis.conf');
    for (const [line, replacement] of moved) {
      expect(conf).toMatch(line);
      conf = conf.replace(line, replacement);
    }
    writeFileSync(join(folder, 'redis.conf'), conf);
    redis = spawn(redisServer, [join(folder, 'redis.conf')], { stdio: 'ignore' });
    for (let tries = 0; tries < 100 && cli(['ping']).stdout.trim() === ''; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  });

  afterAll(() => {
    redis?.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('asks for the password from the included file, and keeps an append-only file without eviction', () => {
    expect(cli(['ping']).stdout).toContain('NOAUTH');
    const auth = { REDISCLI_AUTH: password };
    expect(cli(['ping'], auth).stdout.trim()).toBe('PONG');
    expect(cli(['config', 'get', 'appendonly'], auth).stdout.split('\n')[1]).toBe('yes');
    expect(cli(['config', 'get', 'maxmemory-policy'], auth).stdout.split('\n')[1]).toBe('noeviction');
    expect(cli(['config', 'get', 'dir'], auth).stdout.split('\n')[1]).toBe(join(folder, 'data'));
  });

  it('is healthy by the compose health check, and unhealthy with another password in the secret file', () => {
    expect(spawnSync('sh', ['-c', healthCheck()]).status).toBe(0);
    writeFileSync(join(folder, 'redis_password'), 'not-the-password');
    try {
      expect(spawnSync('sh', ['-c', healthCheck()]).status).not.toBe(0);
    } finally {
      writeFileSync(join(folder, 'redis_password'), password);
    }
  });
});
