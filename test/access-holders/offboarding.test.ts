// offboardMember: who may offboard whom (persona x target -> outcome), and the proof it gives: what
// the person held before, nothing after, in no list of peopleWithAccess afterwards, their old token
// no longer carrying it, their open access-review items ended, one member.offboarded entry in the
// audit log; an outside collaborator too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.stop();
});

const offboard = `mutation($o: ID!, $u: ID!, $reason: String!) { offboardMember(input: {organizationId: $o, userId: $u, reason: $reason}) {
  user { login } organization { login } before { name permissions { permission } } after { name } } }`;

interface Report {
  user: { login: string };
  before: { name: string; permissions: { permission: string }[] }[];
  after: { name: string }[];
}

describe('who may offboard whom (refusals write nothing)', () => {
  const rows: [Persona, string, string, Outcome | 'LAST_ADMIN'][] = [
    ['paul', 'beatles', 'george', 'FORBIDDEN'],
    ['bill', 'beatles', 'george', 'FORBIDDEN'],
    ['randall', 'beatles', 'george', 'NOT_FOUND'],
    ['mike', 'beatles', 'george', 'NOT_FOUND'],
    ['anonymous', 'beatles', 'george', 'UNAUTHENTICATED'],
    // john is the only admin of beatles: the write path's guard refuses, with its reason.
    ['john', 'beatles', 'john', 'LAST_ADMIN'],
    // Someone who holds nothing in the organization: as missing as a random id.
    ['john', 'beatles', 'sully', 'NOT_FOUND'],
  ];
  it.each(rows)('%s offboards in %s %s: %s', async (persona, organization, target, outcome) => {
    const response = await api.gql(persona, offboard, { o: api.ids[organization], u: api.ids[target], reason: 'leaving' });
    if (outcome === 'LAST_ADMIN') {
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LAST_ADMIN' });
      expect(response.data?.offboardMember).toBeNull();
    } else expectOutcome(response, 'offboardMember', outcome);
    // george still holds what he held.
    const george = await api.gql('george', '{ repository(owner: "beatles", name: "infra") { viewerPermissions } }');
    expect(george.errors).toBeUndefined();
  });

  it.each([
    [{ u: 'not-an-id' }, 'BAD_USER_INPUT'],
    [{ reason: 'x'.repeat(501) }, 'BAD_USER_INPUT'],
  ])('refuses bad input %j with %s', async (override, code) => {
    const response = await api.gql('john', offboard, { o: api.ids.beatles, u: api.ids.george, reason: 'leaving', ...override });
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe('john offboards ringo', () => {
  let report: Report;
  let ringoToken: string;
  beforeAll(async () => {
    ringoToken = await api.tokenOf('ringo');
    // An open access review holds items about ringo (and everyone else) when he leaves.
    await api.setup(
      'john',
      'mutation($o: ID!, $due: String!) { startAccessReview(input: {organizationId: $o, dueAt: $due, whenUndecided: KEEP}) { accessReview { id } } }',
      {
        o: api.ids.beatles,
        due: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    );
    const response = await api.gql('john', offboard, { o: api.ids.beatles, u: api.ids.ringo, reason: 'left the band' });
    expect(response.errors).toBeUndefined();
    report = response.data?.offboardMember as Report;
  });

  it('reports everything he held before, and nothing after', () => {
    expect(report.user.login).toBe('ringo');
    const names = report.before.map((resource) => resource.name);
    expect(names).toContain('beatles');
    expect(names).toContain('beatles/abbey-road');
    expect(
      report.before.find((resource) => resource.name === 'beatles/abbey-road')?.permissions.map((entry) => entry.permission),
    ).toContain('manage_roles:repository');
    expect(report.after).toEqual([]);
  });

  it.each([
    ['organization', '{ organization(login: "beatles") { peopleWithAccess(permission: read, first: 100) { nodes { user { login } } } } }'],
    [
      'abbey-road',
      '{ repository(owner: "beatles", name: "abbey-road") { peopleWithAccess(permission: read, first: 100) { nodes { user { login } } } } }',
    ],
    [
      'infra',
      '{ repository(owner: "beatles", name: "infra") { peopleWithAccess(permission: read, first: 100) { nodes { user { login } } } } }',
    ],
  ])('appears in no list of who has access: %s', async (_place, query) => {
    const response = await api.gql('john', query);
    expect(response.errors).toBeUndefined();
    expect(JSON.stringify(response.data)).not.toContain('"ringo"');
    expect(JSON.stringify(response.data)).toContain('"john"');
  });

  it('his token from before no longer opens the organization', async () => {
    const response = await api.send(`Bearer ${ringoToken}`, { query: '{ organization(login: "beatles") { id } }' });
    expect(response.data?.organization ?? null).toBeNull();
  });

  it('one member.offboarded entry names the reason and the repository role it ended', async () => {
    const response = await api.gql(
      'john',
      '{ organization(login: "beatles") { auditLog(first: 5, filter: {action: "member.offboarded"}) { nodes { action targetUser { login } after } } } }',
    );
    expect(response.errors).toBeUndefined();
    const nodes = (response.data?.organization as { auditLog: { nodes: { targetUser: { login: string }; after: unknown }[] } }).auditLog
      .nodes;
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.targetUser.login).toBe('ringo');
    const after: unknown = typeof nodes[0]?.after === 'string' ? JSON.parse(nodes[0].after) : nodes[0]?.after;
    expect(after).toMatchObject({
      reason: 'left the band',
      held: 0,
      membership: 'removed',
      repositoryRoles: [{ repository: 'abbey-road', role: 'maintainer' }],
      reviewItemsRevoked: 2,
    });
  });

  it("ends the open review's undecided items about him (REVOKE, the reason as note, by john), and only his", async () => {
    const data = await api.setup(
      'john',
      `{ organization(login: "beatles") { accessReviews(first: 1) { nodes { progress { total revoked undecided }
        items(first: 100) { nodes { user { login } kind decision note removed decidedBy { login } } } } } } }`,
    );
    type Item = {
      user: { login: string };
      kind: string;
      decision: string | null;
      note: string | null;
      removed: boolean | null;
      decidedBy: { login: string } | null;
    };
    const review = (data.organization as { accessReviews: { nodes: { progress: Record<string, number>; items: { nodes: Item[] } }[] } })
      .accessReviews.nodes[0];
    const items = review?.items.nodes ?? [];
    const ringos = items.filter((item) => item.user.login === 'ringo');
    expect(ringos.map((item) => item.kind).sort()).toEqual(['MEMBERSHIP', 'REPOSITORY_ROLE']);
    for (const item of ringos)
      expect(item).toMatchObject({ decision: 'REVOKE', note: 'Offboarded: left the band', removed: true, decidedBy: { login: 'john' } });
    expect(items.filter((item) => item.user.login !== 'ringo').every((item) => item.decision === null)).toBe(true);
    expect(review?.progress).toMatchObject({ revoked: 2, undecided: items.length - 2 });
  });

  it('a second offboarding finds nothing: NOT_FOUND, nothing written', async () => {
    const response = await api.gql('john', offboard, { o: api.ids.beatles, u: api.ids.ringo, reason: 'again' });
    expectOutcome(response, 'offboardMember', 'NOT_FOUND');
  });
});

describe('an outside collaborator', () => {
  it('randall loses his repository role on abbey-road, and holds nothing after', async () => {
    const response = await api.gql('john', offboard, { o: api.ids.beatles, u: api.ids.randall, reason: 'contract ended' });
    expect(response.errors).toBeUndefined();
    const report = response.data?.offboardMember as Report;
    expect(report.before.map((resource) => resource.name)).toContain('beatles/abbey-road');
    expect(report.after).toEqual([]);
    const randall = await api.gql('randall', '{ repository(owner: "beatles", name: "abbey-road") { id } }');
    expect(randall.data?.repository ?? null).toBeNull();
  });
});

describe('offboardUser (platform admins)', () => {
  const offboardUser = `mutation($u: ID!) { offboardUser(input: {userId: $u, reason: "left the company"}) {
    user { login } suspended organizations { organization { login } before { name } after { name } } } }`;
  beforeAll(async () => {
    // Platform roles are given only by `npm run platform`; here, the row it writes.
    await api.server.db.em.fork().execute(
      `insert into role_assignments (id, user_id, role_id, resource_type, resource_id, created_at)
       select gen_random_uuid(), u.id, r.id, 'platform', '00000000-0000-4000-8000-000000000000', now()
       from users u, roles r where u.login = 'nobody' and r.name = 'platform_admin' and r.built_in`,
    );
  });

  it.each([
    ['john', 'FORBIDDEN'],
    ['sully', 'FORBIDDEN'],
    ['anonymous', 'UNAUTHENTICATED'],
  ] as const)('%s may not: %s, nothing written', async (persona, outcome) => {
    expectOutcome(await api.gql(persona, offboardUser, { u: api.ids.george }), 'offboardUser', outcome);
    const george = await api.gql('george', '{ repository(owner: "beatles", name: "infra") { id } }');
    expect(george.errors).toBeUndefined();
  });

  it('refuses offboarding oneself', async () => {
    const response = await api.gql('nobody', offboardUser, { u: api.ids.nobody });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the last admin of an organization refuses the whole offboarding: nothing written', async () => {
    const response = await api.gql('nobody', offboardUser, { u: api.ids.mike });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LAST_ADMIN' });
    const mike = await api.gql('mike', '{ organization(login: "monsters") { id } }');
    expect(mike.errors).toBeUndefined();
  });

  it('george leaves every organization and is suspended: his report, and he is refused at once', async () => {
    const george = await api.tokenOf('george');
    const response = await api.gql('nobody', offboardUser, { u: api.ids.george });
    expect(response.errors).toBeUndefined();
    const report = response.data?.offboardUser as {
      suspended: boolean;
      organizations: { organization: { login: string }; before: { name: string }[]; after: unknown[] }[];
    };
    expect(report.suspended).toBe(true);
    expect(report.organizations.map((entry) => entry.organization.login)).toEqual(['beatles']);
    expect(report.organizations[0]?.before.map((resource) => resource.name)).toContain('beatles/infra');
    expect(report.organizations[0]?.after).toEqual([]);
    const refused = await api.send(`Bearer ${george}`, { query: '{ viewer { login } }' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
