import { randomUUID } from 'node:crypto';
import { transact } from '../access-changes.js';
import { requireViewer, type RequestContext } from '../context.js';
import { assertOpenReviewRoom } from '../guards/open-review-limit-guard.js';
import type { ReviewDecision } from './access-review-read.js';
import { snapshotAccess } from './snapshot-access.js';

/** What starting a review asks for. */
export interface NewAccessReview {
  readonly organizationId: string;
  readonly dueAt: Date;
  readonly whenUndecided: ReviewDecision;
}

/**
 * Starts an access review as the viewer, in one unit of work under the organization's lock (so the
 * snapshot sees no change half made, and the open-review cap holds under concurrent starts): the
 * review, its snapshot of every item of access (one statement), and an `access_review.started`
 * entry naming it. Nobody's access changes. Returns the review's id.
 */
export async function startAccessReview(context: RequestContext, review: NewAccessReview): Promise<string> {
  const { viewer } = requireViewer(context);
  const id = randomUUID();
  const { organizationId, dueAt, whenUndecided } = review;
  await transact(
    context,
    async (unit) => {
      await unit.lockOrganization(organizationId);
      await assertOpenReviewRoom(unit.tx, organizationId);
      await unit.tx.execute(
        `insert into access_reviews (id, organization_id, started_by_id, created_at, due_at, when_undecided) values (?, ?, ?, now(), ?, ?)`,
        [id, organizationId, viewer.id, dueAt, whenUndecided],
      );
      const items = await snapshotAccess(unit.tx, id, organizationId);
      unit.audit({
        organizationId,
        action: 'access_review.started',
        resourceType: 'organization',
        resourceId: organizationId,
        after: { accessReview: id, dueAt: dueAt.toISOString(), whenUndecided, items },
      });
    },
    { contentOnly: true },
  );
  return id;
}
