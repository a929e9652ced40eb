// `npm run offboard`: a dry run reports and changes nothing (no assignment, audit entry or version);
// the real run ends everything the user held, prints the proof, and a second run finds nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCli, type CompiledCli } from '../helpers/compiled-cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { startTestServer } from '../helpers/test-server.js';

let dataDir: string;
let cliEnv: Record<string, string>;
let cli: CompiledCli;
let database: TestDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-offboard-'));
  database = await createTestDatabase({ from: 'seeded' });
  await database.prepareDataDir(dataDir);
  cli = await compiledCli();
  cliEnv = { DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '', REDIS_URL: '' };
}, 120_000);
afterAll(async () => {
  await cli?.remove();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** What ringo holds and what was written about him, read through a server on the same database. */
async function stateOfRingo() {
  const api = await startTestServer({}, { DATA_DIR: dataDir }, database);
  try {
    const em = api.server.db.em.fork();
    const [row] = await em.execute<{ assignments: string; audits: string; version: number }[]>(
      `select (select count(*) from role_assignments where user_id = u.id) as assignments,
              (select count(*) from audit_log_entries where target_user_id = u.id) as audits, u.authz_version as version
       from users u where u.login = 'ringo'`,
    );
    return { assignments: Number(row?.assignments), audits: Number(row?.audits), version: Number(row?.version) };
  } finally {
    await api.stopServer();
  }
}

describe('npm run offboard', () => {
  it('--dry-run prints what ringo holds and what would remain, and changes nothing', async () => {
    const before = await stateOfRingo();
    const printed = await cli.runCli('offboard', ['--user', 'ringo', '--dry-run'], cliEnv);
    expect(printed).toMatch(/^beatles: ringo held, before:$/m);
    expect(printed).toMatch(/beatles\/abbey-road: .*manage_roles:repository \(explicit maintainer\)/);
    expect(printed).toContain('and holds nothing after.');
    expect(printed).toContain('Dry run: nothing was changed.');
    expect(await stateOfRingo()).toEqual(before);
    expect(before.assignments).toBeGreaterThan(0);
  }, 120_000);

  it('offboards ringo from every organization, audited, his version raised; a second run finds nothing', async () => {
    const before = await stateOfRingo();
    const printed = await cli.runCli('offboard', ['--user', 'ringo', '--reason', 'left the band'], cliEnv);
    expect(printed).toContain('Offboarded ringo from beatles.');
    const after = await stateOfRingo();
    expect(after.assignments).toBe(0);
    expect(after.audits).toBeGreaterThan(before.audits);
    expect(after.version).toBeGreaterThan(before.version);
    expect(await cli.runCli('offboard', ['--user', 'ringo'], cliEnv)).toContain('ringo holds nothing in any organization; nothing to do.');
  }, 120_000);

  it.each([
    [[], /--user is required/],
    [['--user', 'nobody-at-all'], /No user "nobody-at-all"/],
    [['--user', 'ringo', '--reason', ''], /--reason must be 1 to 500 characters/],
  ])('refuses %j', async (args, message) => {
    await expect(cli.runCli('offboard', args, cliEnv)).rejects.toThrow(message);
  });
});
