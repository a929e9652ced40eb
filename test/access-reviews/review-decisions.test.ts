// Deciding access review items: a REVOKE takes effect at once through the write path (the person's
// next request is refused) and its audit entries name the review; decisions are final; nobody decides
// their own access; an item whose access changed since the snapshot says so and its REVOKE removes
// nothing; past the due date reviewers are refused, and the sweep (called with its clock) decides what
// is left as the review said, KEEP or REVOKE, the last admin's membership kept with the guard's reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDueAccessReviews } from '../../src/gitclub/access-write/close-due-reviews.js';
import { expectOutcome } from '../helpers/outcomes.js';
import { startTestServer, type Persona, type TestServer } from '../helpers/test-server.js';

let api: TestServer;
beforeAll(async () => {
  // The sweep runs when a test calls it, with the clock the test gives it.
  api = await startTestServer({ expiredGrantsSweepMs: 0 });
});
afterAll(async () => {
  await api?.stop();
});

const day = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();

const start = `mutation($o: ID!, $due: String!, $when: AccessReviewDecision!) {
  startAccessReview(input: {organizationId: $o, dueAt: $due, whenUndecided: $when}) { accessReview { id } } }`;
const decide = `mutation($i: ID!, $d: AccessReviewDecision!, $note: String) {
  decideAccessReviewItem(input: {itemId: $i, decision: $d, note: $note}) {
    item { decision note removed changedSinceSnapshot current decidedBy { login } decidedByName } } }`;

interface Item {
  id: string;
  user: { login: string };
  kind: string;
  resourceName: string;
  role: string | null;
  decision: string | null;
  decidedByName: string | null;
  note: string | null;
  removed: boolean | null;
  changedSinceSnapshot: boolean;
  current: string;
}

/** Starts a review of beatles as john; returns its id. */
async function startReview(when: 'KEEP' | 'REVOKE', dueInDays = 7): Promise<string> {
  const data = await api.setup('john', start, { o: api.ids.beatles, due: inDays(dueInDays), when });
  return (data.startAccessReview as { accessReview: { id: string } }).accessReview.id;
}

/** A review as john reads it: its status, progress and items. */
async function reviewOf(reviewId: string) {
  const data = await api.setup(
    'john',
    `{ organization(login: "beatles") { accessReviews(first: 10) { nodes { id status progress { total kept revoked undecided }
      items(first: 100) { nodes { id user { login } kind resourceName role decision decidedByName note removed changedSinceSnapshot current } } } } } }`,
  );
  const reviews = (
    data.organization as {
      accessReviews: { nodes: { id: string; status: string; progress: Record<string, number>; items: { nodes: Item[] } }[] };
    }
  ).accessReviews.nodes;
  const review = reviews.find((candidate) => candidate.id === reviewId);
  if (!review) throw new Error(`No review ${reviewId}.`);
  return { status: review.status, progress: review.progress, items: review.items.nodes };
}

/** The item of a review about one person and one thing. */
async function itemOf(reviewId: string, login: string, kind: string, resourceName = 'beatles'): Promise<Item> {
  const item = (await reviewOf(reviewId)).items.find(
    (candidate) => candidate.user.login === login && candidate.kind === kind && candidate.resourceName === resourceName,
  );
  if (!item) throw new Error(`No ${kind} item of ${login} on ${resourceName}.`);
  return item;
}

/** The audit entries of beatles with an action, newest first, their `after` parsed. */
async function auditEntries(action: string) {
  const data = await api.setup(
    'john',
    `query($a: String!) { organization(login: "beatles") { auditLog(first: 50, filter: {action: $a}) {
      nodes { actor { login } targetUser { login } after requestId } } } }`,
    { a: action },
  );
  return (
    data.organization as {
      auditLog: { nodes: { actor: { login: string } | null; targetUser: { login: string } | null; after: string; requestId: string }[] };
    }
  ).auditLog.nodes.map((entry) => ({ ...entry, after: JSON.parse(entry.after) as Record<string, unknown> }));
}

/** Runs the due-date sweep as the server's periodic one does, at the clock given; how many reviews it closed. */
function sweepAt(now: Date): Promise<number> {
  const { db, sessions } = api.server;
  return closeDueAccessReviews({ em: db.em.fork(), publish: (pending) => sessions.publish(pending) }, now);
}

/** What a persona's request answers at a path: allowed, or the code of the error there. */
async function outcomeOf(persona: Persona, [query, path]: readonly [string, string]) {
  const response = await api.gql(persona, query, {});
  return response.errors?.find((error) => error.path?.join('.').startsWith(path))?.extensions?.code ?? 'allowed';
}

const workflowRuns = '{ repository(owner: "beatles", name: "abbey-road") { workflowRuns(first: 1) { totalCount } } }';
const whoHasAccess = '{ repository(owner: "beatles", name: "abbey-road") { peopleWithAccess(permission: read) { totalCount } } }';
const members = '{ organization(login: "beatles") { members(first: 1) { totalCount } } }';

describe('a review with KEEP by default', () => {
  let reviewId: string;
  beforeAll(async () => {
    // paul may trigger workflows on abbey-road for a while: a grant the review holds.
    await api.setup(
      'john',
      `mutation($u: ID!, $r: ID!, $e: String!) { grantPermission(input: {userId: $u, permission: "trigger_workflow:repository",
        resourceId: $r, reason: "release week", expiresAt: $e}) { grant { id } } }`,
      { u: api.ids.paul, r: api.ids['abbey-road'], e: inDays(30) },
    );
    // Tokens issued before the revocations: they must stop carrying the access at once.
    await Promise.all((['paul', 'ringo'] as const).map((persona) => api.tokenOf(persona)));
    reviewId = await startReview('KEEP');
  });

  // What each REVOKE removes, the request that must be refused right after, and the audit entry that names the review.
  const revocations = [
    {
      what: "paul's grant of trigger_workflow on abbey-road",
      item: () => itemOf(reviewId, 'paul', 'GRANT', 'beatles/abbey-road'),
      persona: 'paul' as const,
      request: [workflowRuns, 'repository.workflowRuns'] as const,
      audit: 'grant.revoked',
    },
    {
      what: "ringo's explicit maintainer role on abbey-road",
      item: () => itemOf(reviewId, 'ringo', 'REPOSITORY_ROLE', 'beatles/abbey-road'),
      persona: 'ringo' as const,
      request: [whoHasAccess, 'repository.peopleWithAccess'] as const,
      audit: 'repository_role.removed',
    },
    {
      what: "paul's membership (member, and the contributor default it gives)",
      item: () => itemOf(reviewId, 'paul', 'MEMBERSHIP'),
      persona: 'paul' as const,
      request: [members, 'organization'] as const,
      audit: 'membership.removed',
    },
  ];
  it.each(revocations)('REVOKE $what: refused at once, audited with the review named', async ({ item, persona, request, audit }) => {
    const target = await item();
    expect(await outcomeOf(persona, request)).toBe('allowed');
    const response = await api.gql('john', decide, { i: target.id, d: 'REVOKE', note: 'not needed any more' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.decideAccessReviewItem).toEqual({
      item: {
        decision: 'REVOKE',
        note: 'not needed any more',
        removed: true,
        changedSinceSnapshot: true,
        current: 'Removed by this review.',
        decidedBy: { login: 'john' },
        decidedByName: 'john',
      },
    });
    expect(await outcomeOf(persona, request)).not.toBe('allowed');
    const [removal] = await auditEntries(audit);
    expect(removal?.targetUser?.login).toBe(persona);
    expect(removal?.after).toMatchObject({ accessReview: reviewId, accessReviewItem: target.id });
    const [decision] = await auditEntries('access_review.item_decided');
    expect(decision).toMatchObject({
      actor: { login: 'john' },
      targetUser: { login: persona },
      after: { accessReview: reviewId, accessReviewItem: target.id, decision: 'revoke', note: 'not needed any more', removed: true },
    });
  });

  it("paul's membership took his repository roles and grants with it, as removeMember does", async () => {
    const response = await api.gql('paul', '{ repository(owner: "beatles", name: "abbey-road") { id } }');
    expect(response.data?.repository ?? null).toBeNull();
  });

  it.each([
    ['REVOKE', "paul's grant (revoked already)", () => itemOf(reviewId, 'paul', 'GRANT', 'beatles/abbey-road')],
    ['KEEP', "paul's grant (revoked already)", () => itemOf(reviewId, 'paul', 'GRANT', 'beatles/abbey-road')],
  ] as const)('%s of %s: ALREADY_DECIDED, decisions are final', async (decision, _what, item) => {
    const response = await api.gql('john', decide, { i: (await item()).id, d: decision });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_DECIDED' });
    expect((await item()).decision).toBe('REVOKE');
  });

  it.each(['KEEP', 'REVOKE'] as const)("john's %s of his own membership: OWN_ACCESS, nothing decided", async (decision) => {
    const item = await itemOf(reviewId, 'john', 'MEMBERSHIP');
    const response = await api.gql('john', decide, { i: item.id, d: decision });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_ACCESS' });
    expect((await itemOf(reviewId, 'john', 'MEMBERSHIP')).decision).toBeNull();
  });

  describe("george's custom role on infra, changed since the snapshot", () => {
    beforeAll(async () => {
      // The same assignment, another role: what the item names (ci-cd) is gone.
      await api.setup(
        'john',
        `mutation($r: ID!, $u: ID!) { assignRepositoryRole(input: {repositoryId: $r, userId: $u, role: "contributor"}) { repository { id } } }`,
        { r: api.ids.infra, u: api.ids.george },
      );
    });

    it('says so', async () => {
      const item = await itemOf(reviewId, 'george', 'REPOSITORY_ROLE', 'beatles/infra');
      expect(item).toMatchObject({
        role: 'ci-cd',
        changedSinceSnapshot: true,
        current: 'Changed since the review started: holds role "contributor" there now instead of "ci-cd".',
      });
      expect((await itemOf(reviewId, 'ringo', 'MEMBERSHIP')).changedSinceSnapshot).toBe(false);
    });

    it('its REVOKE records the decision and removes nothing: george keeps contributor on infra', async () => {
      const item = await itemOf(reviewId, 'george', 'REPOSITORY_ROLE', 'beatles/infra');
      const removals = (await auditEntries('repository_role.removed')).length;
      const response = await api.gql('john', decide, { i: item.id, d: 'REVOKE' });
      expect(response.errors).toBeUndefined();
      expect(response.data?.decideAccessReviewItem).toMatchObject({ item: { decision: 'REVOKE', removed: false } });
      expect((await auditEntries('repository_role.removed')).length).toBe(removals);
      const george = await api.setup('george', '{ repository(owner: "beatles", name: "infra") { viewerPermissions } }');
      expect((george.repository as { viewerPermissions: string[] }).viewerPermissions).toContain('read_code:repository');
    });
  });

  it('past its due date, reviewers are refused (REVIEW_CLOSED), nothing decided', async () => {
    await api.server.db.em.fork().execute(`update access_reviews set due_at = now() - interval '1 minute' where id = ?`, [reviewId]);
    const item = await itemOf(reviewId, 'ringo', 'MEMBERSHIP');
    const response = await api.gql('john', decide, { i: item.id, d: 'KEEP' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REVIEW_CLOSED' });
    expect((await itemOf(reviewId, 'ringo', 'MEMBERSHIP')).decision).toBeNull();
    expect((await reviewOf(reviewId)).status).toBe('CLOSED');
  });

  it('the sweep keeps every undecided item, as the system, and closes the review, audited', async () => {
    expect(await sweepAt(new Date())).toBe(1);
    const review = await reviewOf(reviewId);
    expect(review.progress).toEqual({ total: 10, kept: 6, revoked: 4, undecided: 0 });
    const kept = review.items.filter((item) => item.decision === 'KEEP');
    expect(
      kept.every((item) => item.decidedByName === 'system' && item.note === 'Undecided at the due date: kept, as the review said.'),
    ).toBe(true);
    const [closed] = await auditEntries('access_review.closed');
    expect(closed).toMatchObject({ actor: null, after: { accessReview: reviewId, keptAtDueDate: 6, revokedAtDueDate: 0 } });
    // A second sweep finds nothing to do.
    expect(await sweepAt(new Date())).toBe(0);
  });
});

describe('a review with REVOKE by default, at its due date', () => {
  let reviewId: string;
  let georgeToken: string;
  beforeAll(async () => {
    reviewId = await startReview('REVOKE', 1);
    georgeToken = await api.tokenOf('george');
    // ringo's membership is kept by a reviewer before the due date.
    const ringo = await itemOf(reviewId, 'ringo', 'MEMBERSHIP');
    await api.setup('john', decide, { i: ringo.id, d: 'KEEP', note: 'drums' });
    // The sweep's clock: two days on, past the due date.
    expect(await sweepAt(new Date(Date.now() + 2 * day))).toBe(1);
  });

  it('revokes every undecided item through the write path; what a removal took first is removed: false', async () => {
    const { items, status } = await reviewOf(reviewId);
    expect(status).toBe('CLOSED');
    const outcome = (item: Item) => `${item.user.login} ${item.kind} ${item.resourceName}: ${item.decision} ${item.removed}`;
    expect(items.map(outcome)).toEqual([
      'bill MEMBERSHIP beatles: REVOKE true',
      'george MEMBERSHIP beatles: REVOKE true',
      // Leaving the organization ended his repository role before the sweep reached its item.
      'george REPOSITORY_ROLE beatles/infra: REVOKE false',
      // The last admin: the write path's guard refused, so the due date kept it.
      'john MEMBERSHIP beatles: KEEP null',
      'john REPOSITORY_ROLE beatles/abbey-road: REVOKE true',
      'randall REPOSITORY_ROLE beatles/abbey-road: REVOKE true',
      'ringo MEMBERSHIP beatles: KEEP null',
    ]);
    expect(items.find((item) => item.user.login === 'john' && item.kind === 'MEMBERSHIP')?.note).toMatch(
      /^Undecided at the due date; its revocation was refused \(LAST_ADMIN: /,
    );
  });

  it("george's old token no longer opens beatles; john is still its admin", async () => {
    const response = await api.send(`Bearer ${georgeToken}`, { query: '{ organization(login: "beatles") { id } }' });
    expect(response.data?.organization ?? null).toBeNull();
    expect(await outcomeOf('john', [members, 'organization'])).toBe('allowed');
  });

  it('each revocation is audited as the sweep, naming the review', async () => {
    const removals = (await auditEntries('membership.removed')).filter((entry) => entry.after.accessReview === reviewId);
    expect(removals.map((entry) => [entry.targetUser?.login, entry.actor, entry.requestId]).sort()).toEqual([
      ['bill', null, 'sweep:access-reviews'],
      ['george', null, 'sweep:access-reviews'],
    ]);
    const decisions = (await auditEntries('access_review.item_decided')).filter((entry) => entry.after.accessReview === reviewId);
    expect(decisions.filter((entry) => entry.after.actor === 'sweep:access-reviews')).toHaveLength(6);
  });

  it('a closed review refuses decisions (REVIEW_CLOSED)', async () => {
    const item = await itemOf(reviewId, 'bill', 'MEMBERSHIP');
    expectOutcome(await api.gql('john', decide, { i: item.id, d: 'KEEP' }), 'decideAccessReviewItem', 'BAD_USER_INPUT');
  });
});
