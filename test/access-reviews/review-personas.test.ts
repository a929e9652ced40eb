// Access reviews, who may do what (persona x operation -> outcome, refusals writing nothing), what a
// snapshot holds (exactly what accessOf reports, item for path), the input a start and a decision
// refuse, a tenant's item ids NOT_FOUND to another tenant, and a reviewer holding only review_access.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, type Outcome } from '../helpers/outcomes.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ expiredGrantsSweepMs: 0 });
});
afterAll(async () => {
  await api?.stop();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const start = `mutation($o: ID!, $due: String!, $when: AccessReviewDecision!) {
  startAccessReview(input: {organizationId: $o, dueAt: $due, whenUndecided: $when}) {
    accessReview { id status whenUndecided progress { total kept revoked undecided } } } }`;
const decide = `mutation($i: ID!, $d: AccessReviewDecision!, $note: String) {
  decideAccessReviewItem(input: {itemId: $i, decision: $d, note: $note}) { item { id decision note decidedBy { login } } } }`;
const reviews = `query($login: String!) { organization(login: $login) { accessReviews(first: 10) { totalCount nodes { id } } } }`;
const oneReview = `query($login: String!, $id: ID!) { organization(login: $login) { accessReview(id: $id) { id organization { login } } } }`;

interface Item {
  id: string;
  user: { login: string };
  kind: 'MEMBERSHIP' | 'REPOSITORY_ROLE' | 'GRANT';
  resourceId: string;
  resourceName: string;
  role: string | null;
  customRole: boolean;
  permission: string | null;
  decision: string | null;
}
const itemFields = 'id user { login } kind resourceId resourceName role customRole permission decision';

/** Starts a review as john (or another persona that may) and returns its id. */
async function startReview(persona: Persona, organization: string, when = 'KEEP'): Promise<string> {
  const data = await api.setup(persona, start, { o: api.ids[organization], due: inDays(7), when });
  return (data.startAccessReview as { accessReview: { id: string } }).accessReview.id;
}

/** Every item of a review, as `persona` lists them. */
async function itemsOf(persona: Persona, organization: string, reviewId: string): Promise<Item[]> {
  const data = await api.setup(
    persona,
    `query($login: String!) { organization(login: $login) { accessReviews(first: 10) { nodes { id items(first: 100) { nodes { ${itemFields} } } } } } }`,
    { login: organization },
  );
  const nodes = (data.organization as { accessReviews: { nodes: { id: string; items: { nodes: Item[] } }[] } }).accessReviews.nodes;
  return nodes.find((review) => review.id === reviewId)?.items.nodes ?? [];
}

/** How many reviews each organization holds: what a refused start must leave as it was. */
async function reviewCount(): Promise<number> {
  const [row] = await api.server.db.em.fork().execute<{ count: string }[]>('select count(*) from access_reviews');
  return Number(row?.count);
}

describe('who may start and list reviews (beatles; refusals write nothing)', () => {
  // review_access is the admin's: members, billing and the custom role ci-cd hold none of it.
  const rows: [Persona, Outcome][] = [
    ['john', 'allowed'],
    ['paul', 'FORBIDDEN'],
    ['george', 'FORBIDDEN'],
    ['ringo', 'FORBIDDEN'],
    ['bill', 'FORBIDDEN'],
    // An outside collaborator and outsiders cannot see the organization: as missing as a random id.
    ['randall', 'NOT_FOUND'],
    ['mike', 'NOT_FOUND'],
    ['nobody', 'NOT_FOUND'],
    ['anonymous', 'UNAUTHENTICATED'],
  ];
  it.each(rows)('%s starts a review: %s', async (persona, outcome) => {
    const before = await reviewCount();
    const response = await api.gql(persona, start, { o: api.ids.beatles, due: inDays(7), when: 'KEEP' });
    expectOutcome(response, 'startAccessReview', outcome);
    expect(await reviewCount()).toBe(outcome === 'allowed' ? before + 1 : before);
  });

  it.each(rows)('%s lists the reviews of beatles: %s', async (persona, outcome) => {
    expectOutcome(await api.gql(persona, reviews, { login: 'beatles' }), 'organization.accessReviews', outcome);
  });

  it.each(rows)('%s reads one review of beatles by id: %s', async (persona, outcome) => {
    // One review for every row (an organization holds at most 5 open ones): the first listed.
    const listed = await api.setup('john', reviews, { login: 'beatles' });
    const id = (listed.organization as { accessReviews: { nodes: { id: string }[] } }).accessReviews.nodes[0]?.id;
    const response = await api.gql(persona, oneReview, { login: 'beatles', id });
    expectOutcome(response, 'organization.accessReview', outcome);
    if (outcome === 'allowed') expect(response.data?.organization).toEqual({ accessReview: { id, organization: { login: 'beatles' } } });
  });

  it('a missing organization answers as a hidden one', async () => {
    expectOutcome(await api.gql('mike', start, { o: randomUUID(), due: inDays(7), when: 'KEEP' }), 'startAccessReview', 'NOT_FOUND');
  });
});

describe('the snapshot', () => {
  let reviewId: string;
  let items: Item[];
  beforeAll(async () => {
    // A direct grant, so that the snapshot holds one: paul may trigger workflows on abbey-road for a while.
    await api.setup(
      'john',
      `mutation($u: ID!, $r: ID!, $e: String!) { grantPermission(input: {userId: $u, permission: "trigger_workflow:repository",
        resourceId: $r, reason: "release week", expiresAt: $e}) { grant { id } } }`,
      { u: api.ids.paul, r: api.ids['abbey-road'], e: inDays(30) },
    );
    reviewId = await startReview('john', 'beatles');
    items = await itemsOf('john', 'beatles', reviewId);
  });

  it('holds one item per person and thing held, in order: by login, then membership, repository roles, grants', () => {
    expect(items.map((item) => `${item.user.login} ${item.kind} ${item.resourceName} ${item.role ?? item.permission}`)).toEqual([
      'bill MEMBERSHIP beatles billing',
      'george MEMBERSHIP beatles member',
      'george REPOSITORY_ROLE beatles/infra ci-cd',
      'john MEMBERSHIP beatles admin',
      // john created abbey-road: its creator's explicit role stays beside his admin membership.
      'john REPOSITORY_ROLE beatles/abbey-road maintainer',
      'paul MEMBERSHIP beatles member',
      'paul GRANT beatles/abbey-road trigger_workflow:repository',
      'randall REPOSITORY_ROLE beatles/abbey-road contributor',
      'ringo MEMBERSHIP beatles member',
      'ringo REPOSITORY_ROLE beatles/abbey-road maintainer',
    ]);
    expect(items.filter((item) => item.customRole).map((item) => item.role)).toEqual(['ci-cd']);
    expect(items.every((item) => item.decision === null)).toBe(true);
  });

  it.each(['john', 'paul', 'george', 'ringo', 'bill', 'randall'] as const)(
    '%s: the items are exactly what accessOf reports held by membership, explicit role and grant',
    async (login) => {
      const data = await api.setup(
        'john',
        `query($u: ID!) { organization(login: "beatles") { accessOf(userId: $u, first: 20) {
          pageInfo { hasNextPage }
          nodes { resourceId permissions { permission via { via role } } } } } }`,
        { u: api.ids[login] },
      );
      const { accessOf } = data.organization as {
        accessOf: {
          pageInfo: { hasNextPage: boolean };
          nodes: { resourceId: string; permissions: { permission: string; via: { via: string; role: string | null }[] }[] }[];
        };
      };
      expect(accessOf.pageInfo.hasNextPage).toBe(false);
      const resources = accessOf.nodes;
      // Where the person is an admin (a maintainer of the repository through the organization), an explicit
      // role gives nothing more: accessOf lists no path through it, yet it is held, and reviewed.
      const shadowed = new Set(
        resources.flatMap(({ resourceId, permissions }) =>
          permissions.some(({ via }) => via.some((path) => path.via === 'organization-admin')) ? [resourceId] : [],
        ),
      );
      // What the items name: a role on a resource, held as a membership or explicitly, or a grant on a resource.
      const reported = new Set(
        resources.flatMap(({ resourceId, permissions }) =>
          permissions.flatMap(({ via }) =>
            via.flatMap((path) =>
              path.via === 'membership' || path.via === 'explicit'
                ? [`${resourceId} ${path.via} ${path.role}`]
                : path.via === 'grant'
                  ? [`${resourceId} grant`]
                  : [],
            ),
          ),
        ),
      );
      const snapshot = new Set(
        items
          .filter((item) => item.user.login === login)
          .map((item) =>
            item.kind === 'GRANT'
              ? `${item.resourceId} grant`
              : `${item.resourceId} ${item.kind === 'MEMBERSHIP' ? 'membership' : 'explicit'} ${item.role}`,
          ),
      );
      expect(snapshot.size).toBeGreaterThan(0);
      const unshadowed = [...snapshot].filter((entry) => !(entry.includes(' explicit ') && shadowed.has(entry.split(' ')[0] ?? '')));
      expect(unshadowed.sort()).toEqual([...reported].sort());
      // Only john's own explicit maintainer role on abbey-road (he created it) is shadowed so.
      expect(snapshot.size - unshadowed.length).toBe(login === 'john' ? 1 : 0);
    },
  );

  it('progress counts every item undecided', async () => {
    const data = await api.setup(
      'john',
      '{ organization(login: "beatles") { accessReviews(first: 1) { nodes { status progress { total kept revoked undecided } } } } }',
    );
    expect((data.organization as { accessReviews: { nodes: unknown[] } }).accessReviews.nodes[0]).toEqual({
      status: 'OPEN',
      progress: { total: 10, kept: 0, revoked: 0, undecided: 10 },
    });
  });

  describe('who may decide an item (refusals write nothing)', () => {
    // An item about ringo's repository role: only reviewers of beatles see it; to anyone else it is as missing as a random id.
    const rows: [Persona, Outcome][] = [
      ['paul', 'NOT_FOUND'],
      ['ringo', 'NOT_FOUND'],
      ['bill', 'NOT_FOUND'],
      ['randall', 'NOT_FOUND'],
      ['mike', 'NOT_FOUND'],
      ['anonymous', 'UNAUTHENTICATED'],
      ['john', 'allowed'],
    ];
    it.each(rows)("%s keeps ringo's maintainer role on abbey-road: %s", async (persona, outcome) => {
      const item = items.find((candidate) => candidate.user.login === 'ringo' && candidate.kind === 'REPOSITORY_ROLE');
      const response = await api.gql(persona, decide, { i: item?.id, d: 'KEEP', note: 'still maintains it' });
      expectOutcome(response, 'decideAccessReviewItem', outcome);
      const [row] = await api.server.db.em
        .fork()
        .execute<{ decision: string | null }[]>('select decision from access_review_items where id = ?', [item?.id]);
      expect(row?.decision).toBe(outcome === 'allowed' ? 'keep' : null);
    });

    it('an unknown item id answers NOT_FOUND', async () => {
      expectOutcome(await api.gql('john', decide, { i: randomUUID(), d: 'KEEP' }), 'decideAccessReviewItem', 'NOT_FOUND');
    });
  });

  describe('input', () => {
    const startRows: [string, Record<string, unknown>][] = [
      ['a due date in the past', { due: inDays(-1) }],
      ['a due date more than a year ahead', { due: inDays(366) }],
      ['a due date that is no date', { due: 'next quarter' }],
      ['a malformed organization id', { o: 'not-an-id' }],
    ];
    it.each(startRows)('a start with %s is BAD_USER_INPUT, nothing written', async (_what, override) => {
      const before = await reviewCount();
      const response = await api.gql('john', start, { o: api.ids.beatles, due: inDays(7), when: 'KEEP', ...override });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await reviewCount()).toBe(before);
    });

    it.each([
      ['a note over 500 characters', { note: 'x'.repeat(501) }],
      ['a malformed item id', { i: 'not-an-id' }],
    ])('a decision with %s is BAD_USER_INPUT, nothing decided', async (_what, override) => {
      const item = items.find((candidate) => candidate.user.login === 'bill');
      const response = await api.gql('john', decide, { i: item?.id, d: 'KEEP', ...override });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await itemsOf('john', 'beatles', reviewId)).find((candidate) => candidate.id === item?.id)?.decision).toBeNull();
    });

    it('lists items by decision: undecided, kept', async () => {
      const data = await api.setup(
        'john',
        `{ organization(login: "beatles") { accessReviews(first: 1) { nodes {
          undecided: items(decision: UNDECIDED) { totalCount } kept: items(decision: KEEP) { totalCount nodes { user { login } note } } } } } }`,
      );
      const [review] = (data.organization as { accessReviews: { nodes: Record<string, unknown>[] } }).accessReviews.nodes;
      expect(review).toEqual({
        undecided: { totalCount: 9 },
        kept: { totalCount: 1, nodes: [{ user: { login: 'ringo' }, note: 'still maintains it' }] },
      });
    });
  });
});

describe('another tenant', () => {
  let monstersReview: string;
  let monstersItem: string;
  let beatlesItem: string;
  beforeAll(async () => {
    monstersReview = await startReview('mike', 'monsters');
    monstersItem = (await itemsOf('mike', 'monsters', monstersReview)).find((item) => item.user.login === 'sully')?.id ?? '';
    const beatlesReview = await startReview('john', 'beatles');
    beatlesItem = (await itemsOf('john', 'beatles', beatlesReview)).find((item) => item.user.login === 'paul')?.id ?? '';
  });

  it.each([
    ['john decides an item of monsters', 'john' as const, () => monstersItem],
    ['mike decides an item of beatles', 'mike' as const, () => beatlesItem],
  ])('%s: NOT_FOUND, byte for byte as a random id, nothing decided', async (_what, persona, item) => {
    const response = await api.gql(persona, decide, { i: item(), d: 'REVOKE' });
    const missing = await api.gql(persona, decide, { i: randomUUID(), d: 'REVOKE' });
    expectOutcome(response, 'decideAccessReviewItem', 'NOT_FOUND');
    expect(response.errors).toEqual(missing.errors);
    const [row] = await api.server.db.em
      .fork()
      .execute<{ decision: string | null }[]>('select decision from access_review_items where id = ?', [item()]);
    expect(row?.decision).toBeNull();
  });

  it('a review read by id through another organization is null, as a random id is; a malformed id is BAD_USER_INPUT', async () => {
    const [through, random] = await Promise.all(
      [monstersReview, randomUUID()].map((id) => api.gql('john', oneReview, { login: 'beatles', id })),
    );
    expect(through).toMatchObject({ data: { organization: { accessReview: null } }, errors: undefined });
    expect(random).toMatchObject({ data: { organization: { accessReview: null } }, errors: undefined });
    const malformed = await api.gql('john', oneReview, { login: 'beatles', id: 'not-an-id' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("mike lists only monsters' reviews, and cannot list beatles'", async () => {
    const own = await api.gql('mike', reviews, { login: 'monsters' });
    expect((own.data?.organization as { accessReviews: { totalCount: number } }).accessReviews.totalCount).toBe(1);
    expectOutcome(await api.gql('mike', reviews, { login: 'beatles' }), 'organization.accessReviews', 'NOT_FOUND');
  });
});

describe('a reviewer holding only review_access (a custom organization role)', () => {
  let reviewId: string;
  let items: Item[];
  beforeAll(async () => {
    // bill becomes an auditor: review_access, and nothing to add members or grant with.
    await api.setup(
      'john',
      `mutation($o: ID!) { createCustomRole(input: {organizationId: $o, name: "auditor", resourceType: ORGANIZATION,
        permissions: ["review_access:organization"]}) { role { id } } }`,
      { o: api.ids.beatles },
    );
    await api.setup(
      'john',
      'mutation($o: ID!, $u: ID!) { changeMemberRole(input: {organizationId: $o, userId: $u, role: "auditor"}) { membership { role { name } } } }',
      { o: api.ids.beatles, u: api.ids.bill },
    );
    reviewId = await startReview('bill', 'beatles');
    items = await itemsOf('bill', 'beatles', reviewId);
  });

  it('starts a review and keeps an item', async () => {
    const item = items.find((candidate) => candidate.user.login === 'randall');
    const response = await api.gql('bill', decide, { i: item?.id, d: 'KEEP', note: 'contract runs to June' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.decideAccessReviewItem).toMatchObject({ item: { decision: 'KEEP', decidedBy: { login: 'bill' } } });
  });

  it("cannot revoke john's admin membership: the write path's guard (TARGET_HOLDS_MORE) answers, the item stays undecided", async () => {
    const item = items.find((candidate) => candidate.user.login === 'john');
    const response = await api.gql('bill', decide, { i: item?.id, d: 'REVOKE' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TARGET_HOLDS_MORE' });
    expect((await itemsOf('bill', 'beatles', reviewId)).find((candidate) => candidate.id === item?.id)?.decision).toBeNull();
    const john = await api.setup('john', '{ organization(login: "beatles") { viewerPermissions } }');
    expect((john.organization as { viewerPermissions: string[] }).viewerPermissions).toContain('manage_members:organization');
  });

  it('may not start a sixth open review (OPEN_REVIEW_LIMIT), nothing written', async () => {
    // Open now: the first of john's, the snapshot's, the one beside monsters', bill's: four. One more, then the refusal.
    await startReview('john', 'beatles');
    const before = await reviewCount();
    const response = await api.gql('john', start, { o: api.ids.beatles, due: inDays(7), when: 'KEEP' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OPEN_REVIEW_LIMIT' });
    expect(await reviewCount()).toBe(before);
  });
});
