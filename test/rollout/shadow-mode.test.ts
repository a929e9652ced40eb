import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Shadow mode next to legacy mode on the same data: shadow enforces exactly the legacy answer
 * (responses identical) except for enforced cohorts, and records every disagreement once, with
 * its direction, coordinate and explanation.
 *
 * Legacy flags (legacy/mapping.example.json): paul can_view on beatles; george can_view and
 * can_edit_post on beatles (so legacy lets him read infra's code, which his ci-cd role forbids);
 * john is_admin on beatles; randall has none (legacy hides abbey-road, his role shows it);
 * ringo has none but is in the enforced allow-list.
 */
const flags: [string, string, string | null][] = [
  ['paul', 'can_view', 'beatles'],
  ['george', 'can_view', 'beatles'],
  ['george', 'can_edit_post', 'beatles'],
  ['john', 'is_admin', 'beatles'],
];
const rollout = { LEGACY_MAPPING_FILE: 'legacy/mapping.example.json', AUTHZ_ENFORCED_USERS: 'ringo', AUTHZ_ENFORCED_PERCENT: '0' };

let shadow: TestServer;
let legacy: TestServer;
let dataDir: string;

async function addFlags(server: TestServer): Promise<void> {
  const em = server.server.db.em.fork();
  for (const [login, flag, organization] of flags) {
    await em.execute(
      `insert into legacy_permission_flags (id, user_id, flag, scope_type, scope_id) values (gen_random_uuid(), ?, ?, ?, ?)`,
      [server.ids[login], flag, organization ? 'organization' : null, organization ? server.ids[organization] : null],
      'run',
    );
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-shadow-'));
  [shadow, legacy] = await Promise.all([
    startTestServer({}, { ...rollout, AUTHZ_MODE: 'shadow', DATA_DIR: dataDir }),
    startTestServer({}, { ...rollout, AUTHZ_MODE: 'legacy' }),
  ]);
  await Promise.all([addFlags(shadow), addFlags(legacy)]);
});
afterAll(async () => {
  await Promise.all([shadow?.stop(), legacy?.stop()]);
  await rm(dataDir, { recursive: true, force: true });
});

const operations: [Persona, string][] = [
  ['george', '{ repository(owner: "beatles", name: "infra") { name readme viewerPermissions } }'],
  ['randall', '{ repository(owner: "beatles", name: "abbey-road") { name readme } }'],
  ['paul', '{ organization(login: "beatles") { name members { totalCount } billingEmail repositories { totalCount nodes { name } } } }'],
  ['john', '{ organization(login: "beatles") { billingEmail auditLog { totalCount } } }'],
  ['bill', '{ organization(login: "beatles") { name billingEmail } }'],
  ['paul', '{ repository(owner: "beatles", name: "infra") { issues { nodes { title viewerCan(permission: "close:issue") } } } }'],
];

const shape = (response: GraphQLResponse) => ({
  data: response.data,
  codes: (response.errors ?? []).map((error) => [error.path?.join('.'), error.extensions?.code]),
});

describe('shadow mode', () => {
  it.each(operations)('answers %s exactly as legacy mode does: %s', async (persona, query) => {
    const [inShadow, inLegacy] = await Promise.all([shadow.gql(persona, query), legacy.gql(persona, query)]);
    expect(shape(inShadow)).toEqual(shape(inLegacy));
  });

  it('enforces the legacy answer where the two disagree', async () => {
    const george = await shadow.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }');
    expect(george.errors).toBeUndefined();
    const randall = await shadow.gql('randall', '{ repository(owner: "beatles", name: "abbey-road") { name } }');
    expect(randall.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets enforced cohorts have the new decision', async () => {
    const ringo = await shadow.gql('ringo', '{ repository(owner: "beatles", name: "abbey-road") { readme } }');
    expect(ringo.errors).toBeUndefined();
    expect(
      (await legacy.gql('ringo', '{ repository(owner: "beatles", name: "abbey-road") { readme } }')).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('records disagreements with their direction, coordinate and explanation, once per request', async () => {
    await shadow.send(`Bearer ${await shadow.tokenOf('george')}`, {
      query:
        'query Twice { a: repository(owner: "beatles", name: "infra") { readme } b: repository(owner: "beatles", name: "infra") { readme } }',
    });
    await shadow.server.rollout.flush();
    const rows = await shadow.server.db.em.fork().execute<
      {
        coordinate: string;
        permission: string;
        legacy_allowed: boolean;
        new_allowed: boolean;
        operation_name: string | null;
        user_id: string;
        explanation: { reason?: string };
      }[]
    >(`select coordinate, permission, legacy_allowed, new_allowed, operation_name, user_id, explanation from authz_disagreements order by created_at`);
    const george = rows.filter((row) => row.user_id === shadow.ids.george && row.coordinate === 'Repository.readme');
    expect(george.length).toBeGreaterThanOrEqual(2);
    expect(george.filter((row) => row.operation_name === 'Twice')).toHaveLength(1);
    expect(george[0]).toMatchObject({ permission: 'read_code:repository', legacy_allowed: true, new_allowed: false });
    expect(george[0]?.explanation.reason).toMatch(/read_code:repository/);
    const randall = rows.find((row) => row.user_id === shadow.ids.randall);
    expect(randall).toMatchObject({
      coordinate: 'Query.repository',
      permission: 'read:repository',
      legacy_allowed: false,
      new_allowed: true,
    });
    expect(rows.some((row) => row.user_id === shadow.ids.ringo)).toBe(true);
  });

  it('shows its mode, cohorts and disagreement counters on the readiness endpoint', async () => {
    const body = (await (await fetch(new URL('/readyz', shadow.server.url))).json()) as {
      rollout: { mode: string; enforcedUsers: number; enforcedPercent: number; disagreements: Record<string, number> };
    };
    expect(body.rollout).toMatchObject({ mode: 'shadow', enforcedUsers: 1, enforcedPercent: 0 });
    expect(body.rollout.disagreements['Repository.readme legacy-allow/new-deny']).toBeGreaterThanOrEqual(2);
  });

  it('groups disagreements, largest first, with example users (npm run shadow:report)', async () => {
    await shadow.stopServer();
    const printed = await runCli('src/cli/shadow-report.ts', [], { DATA_DIR: dataDir, DATABASE_URL: shadow.databaseUrl });
    expect(printed).toMatch(/Repository\.readme.*read_code:repository.*legacy-allow\/new-deny.*george/);
    expect(printed).toMatch(/Query\.repository.*read:repository.*legacy-deny\/new-allow.*randall/);
  }, 60_000);
});
