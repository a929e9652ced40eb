import { notFoundError } from '@rolegate/authz';
import { transact, type UnitOfWork } from '../access-changes.js';
import type { ReviewDecision } from '../access-review/access-review-read.js';
import { describeReviewItem } from '../access-review/describe-review-item.js';
import { findReviewItem, type ReviewedItem } from '../access-review/find-review-item.js';
import type { RequestContext } from '../context.js';
import { viewerActor, type Actor } from './actor.js';
import { runGuards } from './guard-table.js';
import { revokeReviewedItem } from './revoke-reviewed-item.js';

/** A decision on one item of a review, with the reviewer's note. */
export interface ReviewItemDecision {
  readonly decision: ReviewDecision;
  readonly note: string | null;
}

/**
 * Decides an item of an access review as the viewer, in one unit of work (see `decideInUnit`). The
 * caller has checked that the viewer reviews access in the item's organization; what the guards of
 * a REVOKE ask of the viewer's authorizer (the organization, the item's repository) is loaded now,
 * before the transaction opens.
 */
export async function decideReviewItem(context: RequestContext, reviewed: ReviewedItem, decision: ReviewItemDecision): Promise<void> {
  const actor = viewerActor(context);
  const { item } = reviewed;
  if (actor.kind === 'user') {
    await actor.authorizer.access('organization', item.organizationId);
    if (item.resourceType !== 'organization') await actor.authorizer.access(item.resourceType, item.resourceId);
  }
  // A KEEP changes nobody's access: the request's authorizer may keep what it resolved.
  await transact(context, (unit) => decideInUnit(unit, actor, item, decision, new Date()), {
    contentOnly: decision.decision === 'keep',
  });
}

/**
 * One decision of a review, by a reviewer or by the due date (the system), inside a unit of work:
 * lock the organization, read the item again, run the decision's guards (not one's own, not decided
 * yet, the review open), then for a REVOKE remove what the item names at once through the write
 * path (its own guards refuse the last admin and the rest: the unit then writes nothing and the item
 * stays undecided), record the decision (final) and audit it as `access_review.item_decided`.
 */
export async function decideInUnit(
  unit: UnitOfWork,
  actor: Actor,
  target: { readonly id: string; readonly organizationId: string },
  { decision, note }: ReviewItemDecision,
  now: Date,
): Promise<boolean | null> {
  const { tx } = unit;
  await unit.lockOrganization(target.organizationId);
  const current = await findReviewItem(tx, target.id);
  if (!current) throw notFoundError();
  await runGuards('decide:review-item', { tx, actor, reviewed: current, now });
  const { item } = current;
  const removed = decision === 'revoke' ? await revokeReviewedItem(unit, actor, item) : null;
  await tx.execute(
    `update access_review_items set decision = ?, decided_by_id = ?, decided_by_name = coalesce((select login from users where id = ?), ?),
       decided_at = ?, note = ?, removed = ? where id = ?`,
    [decision, actor.id, actor.id, actor.kind === 'system' ? 'system' : null, now, note, removed, item.id],
    'run',
  );
  unit.audit({
    organizationId: item.organizationId,
    action: 'access_review.item_decided',
    targetUserId: item.userId,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    before: { item: describeReviewItem(item), changedSinceSnapshot: !item.current.held },
    after: {
      accessReview: item.reviewId,
      accessReviewItem: item.id,
      decision,
      note,
      ...(removed === null ? {} : { removed }),
      ...(actor.kind === 'system' ? { actor: actor.name } : {}),
    },
  });
  return removed;
}
