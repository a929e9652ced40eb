import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { compiledCli, type CompiledCli } from '../helpers/compiled-cli.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Platform roles, assigned only through `npm run platform`: support reads every tenant read-only
 * and each read is audited in that organization's log; platform admins suspend users, who are
 * then refused at once. Also the role-sprawl report, in GraphQL and as `npm run roles:report`.
 */
let api: TestServer;
let dataDir: string;
let cliEnv: Record<string, string>;
let cli: CompiledCli;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-platform-'));
  // The seeded database in DATA_DIR (or on PostgreSQL), platform roles given by the command, then the server.
  const database = await createTestDatabase({ from: 'seeded' });
  await database.prepareDataDir(dataDir);
  cli = await compiledCli();
  cliEnv = { DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl ?? '', REDIS_URL: '' };
  await cli.runCli('platform', ['grant', 'support', 'nobody'], cliEnv);
  await cli.runCli('platform', ['grant', 'platform_admin', 'mike'], cliEnv);
  api = await startTestServer({}, { DATA_DIR: dataDir }, database);
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await cli?.remove();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the platform command-line tool', () => {
  it('lists who holds which platform role, and says when nothing changes', async () => {
    await api.stopServer();
    const listed = await cli.runCli('platform', ['list'], cliEnv);
    expect(listed).toMatch(/mike\W+platform_admin/);
    expect(listed).toMatch(/nobody\W+support/);
    expect(await cli.runCli('platform', ['grant', 'support', 'nobody'], cliEnv)).toMatch(/nothing changed/);
    await expect(cli.runCli('platform', ['grant', 'admin', 'nobody'], cliEnv)).rejects.toThrow(/not a platform role/);
    api = await startTestServer({}, { DATA_DIR: dataDir }, api.database);
  }, 120_000);
});

describe('support', () => {
  const rows: [string, string, string, Outcome][] = [
    [
      'reads an organization of any tenant',
      '{ organization(login: "beatles") { name members { totalCount } } }',
      'organization.members',
      'allowed',
    ],
    [
      'lists every repository',
      '{ organization(login: "beatles") { repositories { totalCount } } }',
      'organization.repositories',
      'allowed',
    ],
    ['reads a repository', '{ repository(owner: "monsters", name: "scare-floor") { name } }', 'repository', 'allowed'],
    ['cannot read billing', '{ organization(login: "beatles") { billingEmail } }', 'organization.billingEmail', 'FORBIDDEN'],
    ['cannot read code', '{ repository(owner: "beatles", name: "infra") { readme } }', 'repository.readme', 'FORBIDDEN'],
  ];
  it.each(rows)('%s', async (_name, query, path, outcome) => {
    expectOutcome(await api.gql('nobody', query), path, outcome);
  });

  it.each([
    ['updateRepository', 'mutation($r: ID!) { updateRepository(input: {repositoryId: $r, description: "x"}) { repository { id } } }'],
    // Its check is made before the write (decideNow), not in it: support's reads are audited by the access source.
    ['createIssue', 'mutation($r: ID!) { createIssue(input: {repositoryId: $r, title: "by support"}) { issue { id } } }'],
  ])('cannot change anything: %s is FORBIDDEN and writes nothing', async (_name, mutation) => {
    const response = await api.gql('nobody', mutation, { r: api.ids.infra });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [written] = await api.server.db.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from issues where title = 'by support'`);
    expect(written?.n).toBe(0);
  });

  it("leaves an audit entry in the organization's log for every read", async () => {
    const response = await api.gql(
      'john',
      '{ organization(login: "beatles") { auditLog(filter: {action: "support.read"}) { totalCount nodes { actor { login } } } } }',
    );
    const log = (response.data?.organization as { auditLog: { totalCount: number; nodes: { actor: { login: string } }[] } }).auditLog;
    expect(log.totalCount).toBeGreaterThanOrEqual(4);
    expect(new Set(log.nodes.map((node) => node.actor.login))).toEqual(new Set(['nobody']));
  });
});

describe('suspension', () => {
  const suspend = (actor: Persona, user: string, mutation = 'suspendUser') =>
    api.gql(actor, `mutation($u: ID!) { ${mutation}(input: {userId: $u}) { user { login } } }`, { u: api.ids[user] });
  const signIn = () =>
    api.send(undefined, { query: 'mutation { login(input: {email: "sully@gitclub.test", password: "rolegate-demo"}) { accessToken } }' });

  it.each([
    ['an organization admin', 'john' as Persona, 'FORBIDDEN'],
    ['support', 'nobody' as Persona, 'FORBIDDEN'],
  ])('is refused to %s', async (_name, actor, code) => {
    expect((await suspend(actor, 'sully')).errors?.[0]?.extensions?.code).toBe(code);
  });

  it('by a platform admin refuses the user at once, tokens included, until reactivated', async () => {
    expect((await api.gql('sully', '{ viewer { login } }')).data).toEqual({ viewer: { login: 'sully' } });
    expect((await suspend('mike', 'sully')).errors).toBeUndefined();
    expect((await api.gql('sully', '{ viewer { login } }')).status).toBe(401);
    expect((await signIn()).errors?.[0]?.message).toMatch(/suspended/);
    expect((await suspend('mike', 'sully', 'reactivateUser')).errors).toBeUndefined();
    expect((await signIn()).errors).toBeUndefined();
  });
});

describe('the role report', () => {
  it('shows unused and duplicate roles, grants, and holders per role', async () => {
    await api.gql(
      'john',
      'mutation($o: ID!) { createCustomRole(input: {organizationId: $o, name: "readers", resourceType: REPOSITORY, permissions: ["read:repository", "read_code:repository", "create_issue:repository"]}) { role { id } } }',
      { o: api.ids.beatles },
    );
    await api.gql(
      'john',
      'mutation($u: ID!, $r: ID!, $e: String!) { grantPermission(input: {userId: $u, permission: "read_billing:organization", resourceId: $r, reason: "Audit", expiresAt: $e}) { grant { id } } }',
      {
        u: api.ids.paul,
        r: api.ids.beatles,
        e: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    );
    const response = await api.gql(
      'john',
      `{ organization(login: "beatles") { roleReport {
      unusedCustomRoles { role { name } holders reason }
      duplicateRoles { name }
      membersWithGrants { user { login } activeGrants }
      grantsExpiringSoon { permission user { login } }
      holdersPerRole { role { name } holders }
    } } }`,
    );
    expect(response.errors).toBeUndefined();
    const report = (response.data?.organization as { roleReport: Record<string, unknown[]> }).roleReport;
    expect(report.unusedCustomRoles).toEqual([{ role: { name: 'readers' }, holders: 0, reason: 'Nobody holds it.' }]);
    expect(report.duplicateRoles).toEqual([[{ name: 'contributor' }, { name: 'readers' }]]);
    expect(report.membersWithGrants).toEqual([{ user: { login: 'paul' }, activeGrants: 1 }]);
    expect(report.grantsExpiringSoon).toEqual([{ permission: 'read_billing:organization', user: { login: 'paul' } }]);
    expect(report.holdersPerRole).toContainEqual({ role: { name: 'member' }, holders: 3 });
    expect(report.holdersPerRole).toContainEqual({ role: { name: 'ci-cd' }, holders: 1 });
  });

  it('needs manage_roles', async () => {
    expectOutcome(
      await api.gql('paul', '{ organization(login: "beatles") { roleReport { holdersPerRole { holders } } } }'),
      'organization.roleReport',
      'FORBIDDEN',
    );
  });

  it('prints as tables for every organization (npm run roles:report)', async () => {
    await api.stopServer();
    const printed = await cli.runCli('roles:report', [], cliEnv);
    expect(printed).toMatch(/=== beatles ===/);
    expect(printed).toMatch(/=== monsters ===/);
    expect(printed).toMatch(/readers/);
  });
});
