import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/gitclub/audit/record-audit.js';
import { expectOutcome } from '../helpers/outcomes.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type GraphQLResponse, type Persona, type TestServer } from '../helpers/test-server.js';

/**
 * Reading access: the audit log with filters and its JSON Lines export, explainAccess, viewerCan,
 * and AUTHZ_DEBUG explanations on FORBIDDEN.
 */
let api: TestServer;
let debug: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rolegate-audit-'));
  [api, debug] = await Promise.all([startTestServer({}, { DATA_DIR: dataDir }), startTestServer({}, { AUTHZ_DEBUG: 'true' })]);
  // Some history: paul demoted to billing and back, a role assigned.
  const change = (role: string) =>
    api.gql(
      'john',
      'mutation($o: ID!, $u: ID!, $r: String!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: $r}) { membership { role { name } } } }',
      { o: api.ids.beatles, u: api.ids.paul, r: role },
    );
  await change('billing');
  await change('member');
  await api.gql(
    'ringo',
    'mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "contributor"}) { repository { id } } }',
    { r: api.ids['abbey-road'], u: api.ids.sully },
  );
});
afterAll(async () => {
  await Promise.all([api?.stop(), debug?.stop()]);
  await rm(dataDir, { recursive: true, force: true });
});

async function auditActions(filter: Record<string, unknown>): Promise<GraphQLResponse> {
  return api.gql(
    'john',
    'query($f: AuditLogFilter) { organization(login: "beatles") { auditLog(first: 50, filter: $f) { totalCount nodes { action actor { login } targetUser { login } } } } }',
    { f: filter },
  );
}

const actionsOf = (response: GraphQLResponse) =>
  (
    response.data?.organization as {
      auditLog: { nodes: { action: string; actor: { login: string }; targetUser: { login: string } | null }[] };
    }
  ).auditLog.nodes;

describe('the audit log', () => {
  it.each([
    ['by action', () => ({ action: 'membership.changed' }), ['membership.changed', 'membership.changed']],
    ['by actor', () => ({ actorId: api.ids.ringo }), ['repository_role.assigned']],
    ['by target user', () => ({ targetUserId: api.ids.sully }), ['repository_role.assigned']],
    ['by a window that ends in the past', () => ({ until: '2000-01-01T00:00:00Z' }), []],
    [
      'by a window that starts in the past',
      () => ({ since: '2000-01-01T00:00:00Z', action: 'repository_role.assigned' }),
      ['repository_role.assigned'],
    ],
  ])('filters %s', async (_name, filter, expected) => {
    expect(actionsOf(await auditActions(filter())).map((node) => node.action)).toEqual(expected);
  });

  it.each([[{ since: 'yesterday' }], [{ actorId: 'john' }]])('refuses a malformed filter %j', async (filter) => {
    expect((await auditActions(filter)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports as JSON Lines for a SIEM (npm run audit:export)', async () => {
    const expected = actionsOf(await auditActions({})).map((node) => node.action);
    await api.stopServer();
    const lines = await runCli('src/cli/audit-export.ts', ['--org', 'beatles'], { DATA_DIR: dataDir, DATABASE_URL: api.databaseUrl });
    const entries = lines
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; organization: string; time: string });
    expect(entries.map((entry) => entry.action)).toEqual(expected);
    expect(entries.every((entry) => entry.organization === 'beatles' && !Number.isNaN(Date.parse(entry.time)))).toBe(true);
  });
});

describe('the audit log, within one transaction', () => {
  it('lists entries written together newest first in the order they were recorded, through every page', async () => {
    // Forty entries in one flush share a millisecond or two: their order must come from the ids.
    const em = debug.server.db.em.fork();
    await em.transactional(async (tx) => {
      for (let index = 0; index < 40; index++) {
        recordAudit(tx, { organizationId: debug.ids.beatles!, actorId: debug.ids.john!, action: 'support.read', after: { probe: index } });
      }
    });
    const read = (after: string | null) =>
      debug.gql(
        'john',
        'query($a: String) { organization(login: "beatles") { auditLog(first: 15, after: $a, filter: {action: "support.read"}) { nodes { after } pageInfo { endCursor hasNextPage } } } }',
        { a: after },
      );
    const probes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = (await read(cursor)).data?.organization as {
        auditLog: { nodes: { after: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
      };
      probes.push(...page.auditLog.nodes.map((node) => (JSON.parse(node.after) as { probe: number }).probe));
      cursor = page.auditLog.pageInfo.hasNextPage ? page.auditLog.pageInfo.endCursor : null;
    } while (cursor);
    expect(probes).toEqual(Array.from({ length: 40 }, (_, index) => 39 - index));
  });
});

describe('explainAccess', () => {
  const explain = (asker: Persona, user: string, permission: string, resource: string) =>
    debug.gql(
      asker,
      'query($u: ID!, $p: String!, $r: ID!) { explainAccess(userId: $u, permission: $p, resourceId: $r) { allowed outcome reason path { role via description } } }',
      {
        u: debug.ids[user],
        p: permission,
        r: debug.ids[resource],
      },
    );
  const explanation = (response: GraphQLResponse) =>
    response.data?.explainAccess as {
      allowed: boolean;
      outcome: string;
      reason: string;
      path: { role: string | null; via: string; description: string }[];
    };

  it.each([
    ['custom role without the permission', 'john', 'george', 'read_code:repository', 'infra', 'FORBIDDEN', [['ci-cd', 'explicit']]],
    ['the default role', 'john', 'paul', 'read_code:repository', 'infra', 'ALLOW', [['contributor', 'default-role']]],
    ['admin as maintainer', 'john', 'john', 'delete:repository', 'infra', 'ALLOW', [['maintainer', 'organization-admin']]],
    ['an implied role', 'john', 'john', 'read_members:organization', 'beatles', 'ALLOW', [['admin', 'membership']]],
    ['authorship', 'paul', 'paul', 'close:issue', 'abbey-road#1', 'ALLOW', [[null, 'author']]],
    ['an outsider', 'john', 'sully', 'read:repository', 'infra', 'NOT_FOUND', []],
  ] as const)('explains %s', async (_name, asker, user, permission, resource, outcome, path) => {
    const result = explanation(await explain(asker, user, permission, resource));
    expect(result.outcome).toBe(outcome);
    expect(result.allowed).toBe(outcome === 'ALLOW');
    expect(result.path.map((step) => [step.role, step.via])).toEqual(path);
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it('names implications in words', async () => {
    expect(explanation(await explain('john', 'john', 'read_members:organization', 'beatles')).reason).toMatch(/implies "member"/);
  });

  it.each([
    ['a member asking about someone else', 'paul', 'john', 'read:organization', 'beatles', 'FORBIDDEN'],
    ['another tenant asking', 'mike', 'john', 'read:organization', 'beatles', 'NOT_FOUND'],
    ['an unknown permission', 'john', 'paul', 'fly:organization', 'beatles', 'BAD_USER_INPUT'],
  ] as const)('refuses %s', async (_name, asker, user, permission, resource, code) => {
    expect((await explain(asker, user, permission, resource)).errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe('viewerCan', () => {
  it.each([
    ['george', 'trigger_workflow:repository', true],
    ['george', 'read_code:repository', false],
    ['paul', 'trigger_workflow:repository', false],
    ['john', 'delete:repository', true],
  ] as const)('%s can %s on infra: %s', async (persona, permission, expected) => {
    const response = await debug.gql(
      persona,
      'query($p: String!) { repository(owner: "beatles", name: "infra") { viewerCan(permission: $p) } }',
      { p: permission },
    );
    expect(response.data).toEqual({ repository: { viewerCan: expected } });
  });
  it('refuses a permission of another resource type', async () => {
    const response = await debug.gql(
      'john',
      '{ repository(owner: "beatles", name: "infra") { viewerCan(permission: "read_billing:organization") } }',
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('AUTHZ_DEBUG', () => {
  it('puts what the viewer holds into FORBIDDEN errors', async () => {
    const response = await debug.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }');
    expectOutcome(response, 'repository.readme', 'FORBIDDEN');
    const explanation = response.errors?.[0]?.extensions?.explanation as { held: { role: string }[]; reason: string };
    expect(explanation.held.map((grant) => grant.role)).toEqual(['ci-cd']);
    expect(explanation.reason).toMatch(/read_code:repository/);
  });
  it('is off by default', async () => {
    const plain = await startTestServer();
    try {
      const response = await plain.gql('george', '{ repository(owner: "beatles", name: "infra") { readme } }');
      expect(response.errors?.[0]?.extensions).not.toHaveProperty('explanation');
    } finally {
      await plain.stop();
    }
  });
});
