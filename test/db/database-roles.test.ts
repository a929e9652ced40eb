import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * Two PostgreSQL roles, as docs/deployment.md and deploy/ set them up: an owner that runs the
 * migrations (DATABASE_MIGRATION_URL) and a runtime role with rights on rows only (DATABASE_URL).
 * The server migrates, seeds and serves with them; the runtime role, as a compromised app would
 * hold it, cannot drop the audit log's append-only trigger, truncate the log, change a table or
 * create one. PostgreSQL only: the embedded database has no roles.
 */
describe.skipIf(!process.env.DATABASE_URL)('an owner role for migrations, a runtime role without DDL rights', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `rolegate_owner_${suffix}`;
  const runtime = `rolegate_app_${suffix}`;
  let database: TestDatabase;
  let admin: pg.Client;
  let app: pg.Client;
  let server: RunningServer | undefined;
  const urlAs = (role: string) => {
    const url = new URL(database.databaseUrl as string);
    url.username = role;
    url.password = '';
    return url.toString();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: database.databaseUrl });
    await admin.connect();
    const name = decodeURIComponent(new URL(database.databaseUrl as string).pathname.slice(1));
    // What deploy/postgres-init.sh does on a new PostgreSQL (there the owner is POSTGRES_USER).
    for (const statement of [
      `create role ${owner} login`,
      `create role ${runtime} login`,
      `grant all on database "${name}" to ${owner}`,
      `grant connect on database "${name}" to ${runtime}`,
      `alter schema public owner to ${owner}`,
      'revoke create on schema public from public',
      `grant usage on schema public to ${runtime}`,
      `alter default privileges for role ${owner} in schema public grant select, insert, update, delete on tables to ${runtime}`,
      `alter default privileges for role ${owner} in schema public grant usage, select on sequences to ${runtime}`,
    ])
      await admin.query(statement);
    const config = {
      ...loadConfig({
        PORT: '0',
        DATA_DIR: 'memory://',
        SEED_DEMO_DATA: 'true',
        LOG_LEVEL: 'silent',
        DATABASE_URL: urlAs(runtime),
        DATABASE_MIGRATION_URL: urlAs(owner),
        DATABASE_POOL_SIZE: '3',
      }),
    };
    server = await startServer(config, { host: '127.0.0.1' });
    app = new pg.Client({ connectionString: urlAs(runtime) });
    await app.connect();
  }, 120_000);

  afterAll(async () => {
    await app?.end();
    await server?.stop();
    await admin?.end();
    await database?.drop();
    // Roles belong to the whole server: dropped from its maintenance database.
    const maintenance = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await maintenance.connect();
    for (const role of [runtime, owner]) await maintenance.query(`drop role if exists ${role}`);
    await maintenance.end();
  });

  it('migrates as the owner: the tables belong to it', async () => {
    const { rows } = await admin.query<{ owner: string }>("select distinct tableowner as owner from pg_tables where schemaname = 'public'");
    expect(rows).toEqual([{ owner }]);
  });

  it('serves as the runtime role: signs in, reads, and writes a change with its audit entry', async () => {
    const post = async (query: string, token?: string) => {
      const response = await fetch(server?.url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: { login?: { accessToken: string }; organization?: { id: string } }; errors?: unknown[] };
    };
    const login = await post('mutation { login(input: {email: "john@gitclub.test", password: "rolegate-demo"}) { accessToken } }');
    const token = login.data?.login?.accessToken ?? '';
    expect(token).toEqual(expect.any(String));
    const organization = await post('{ organization(login: "beatles") { id members(first: 1) { totalCount } } }', token);
    expect(organization.errors).toBeUndefined();
    const { rows: nobody } = await app.query<{ id: string }>("select id from users where login = 'nobody'");
    const added = await post(
      `mutation { addMember(input: {organizationId: "${organization.data?.organization?.id}", userId: "${nobody[0]?.id}", role: "member"}) { membership { role { name } } } }`,
      token,
    );
    expect(added).toEqual({ data: { addMember: { membership: { role: { name: 'member' } } } } });
    const { rows } = await app.query<{ n: string }>("select count(*) as n from audit_log_entries where action = 'membership.added'");
    expect(Number(rows[0]?.n)).toBe(1);
  });

  // statement as the runtime role -> PostgreSQL's refusal
  it.each([
    ['drop the append-only trigger', 'drop trigger audit_log_entries_append_only on audit_log_entries', '42501'],
    ['disable it', 'alter table audit_log_entries disable trigger audit_log_entries_append_only', '42501'],
    ['truncate the audit log', 'truncate audit_log_entries', '42501'],
    ['drop the audit log', 'drop table audit_log_entries', '42501'],
    ['add a column', 'alter table users add column backdoor text', '42501'],
    ['create a table', 'create table shadow (id int)', '42501'],
    ['delete audit entries (the trigger refuses)', 'delete from audit_log_entries', 'P0001'],
    ['update audit entries (the trigger refuses)', "update audit_log_entries set action = 'nothing'", 'P0001'],
  ])('cannot %s', async (_what, statement, code) => {
    const refused = await app.query(statement).then(
      () => 'done',
      (error: { code?: string }) => error.code,
    );
    expect(refused).toBe(code);
  });
});
