import { notFoundError } from '@rolegate/authz';
import { decideReviewItem } from '../access-write/review-decisions.js';
import { requireViewer, type RequestContext } from '../context.js';
import { requireGrantExpiry } from '../grant/grant-expiry.js';
import { connection, newestFirstKey, newestFirstPosition, pageRequest, sequencePositionOf, type PageArgs } from '../pagination.js';
import { requireText, requireUuid } from '../validation.js';
import type { AccessReviewItemRead, AccessReviewRead, ReviewDecision } from './access-review-read.js';
import { describeCurrent, describeReviewItem } from './describe-review-item.js';
import { findReviewItem } from './find-review-item.js';
import { startAccessReview } from './start-access-review.js';

/** The furthest ahead a review may be due: a year, so a review cannot be left open for ever. */
export const maxReviewDays = 365;

type DecisionArgument = 'KEEP' | 'REVOKE';
type ItemFilterArgument = DecisionArgument | 'UNDECIDED';

const decisionOf = (argument: DecisionArgument): ReviewDecision => (argument === 'KEEP' ? 'keep' : 'revoke');
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** An organization's reviews, newest first; a malformed cursor is refused before any query. */
function reviewPage(context: RequestContext, organizationId: string, args: PageArgs) {
  const page = pageRequest(args);
  if (page.after !== undefined) newestFirstPosition(page.after);
  const key = { parentId: organizationId, filter: '' };
  return context.loaders.organizationAccessReviewPages
    .load({ ...key, after: page.after, limit: page.limit + 1 })
    .then((rows) => connection(rows, page, newestFirstKey, () => context.loaders.organizationAccessReviewCount.load(key)));
}

/** A review's items in snapshot order, all or by decision; a malformed cursor is refused before any query. */
function itemPage(context: RequestContext, reviewId: string, args: PageArgs & { decision?: ItemFilterArgument | null }) {
  const page = pageRequest(args);
  if (page.after !== undefined) sequencePositionOf(page.after);
  const key = { parentId: reviewId, filter: args.decision ? args.decision.toLowerCase() : '' };
  return context.loaders.accessReviewItemPages.load({ ...key, after: page.after, limit: page.limit + 1 }).then((rows) =>
    connection(
      rows,
      page,
      (item) => String(item.position),
      () => context.loaders.accessReviewItemCount.load(key),
    ),
  );
}

/**
 * Access reviews: those who review access in an organization (`review_access`) start one (a
 * snapshot of every item of access), list them, and keep or revoke each item; the write path makes
 * a REVOKE take effect at once, and the due-date sweep decides what is left.
 */
export const accessReviewResolvers = {
  AccessReview: {
    organization: (review: AccessReviewRead, _args: unknown, context: RequestContext) =>
      context.loaders.organization.load(review.organizationId),
    startedBy: (review: AccessReviewRead, _args: unknown, context: RequestContext) =>
      review.startedById ? context.loaders.user.load(review.startedById) : null,
    startedAt: (review: AccessReviewRead) => review.createdAt.toISOString(),
    dueAt: (review: AccessReviewRead) => review.dueAt.toISOString(),
    whenUndecided: (review: AccessReviewRead) => review.whenUndecided.toUpperCase(),
    // Past its due date, no decision is taken any more, swept or not.
    status: (review: AccessReviewRead) => (review.closedAt || review.dueAt.getTime() <= Date.now() ? 'CLOSED' : 'OPEN'),
    closedAt: (review: AccessReviewRead) => iso(review.closedAt),
    progress: (review: AccessReviewRead, _args: unknown, context: RequestContext) => context.loaders.accessReviewProgress.load(review.id),
    items: (review: AccessReviewRead, args: PageArgs & { decision?: ItemFilterArgument | null }, context: RequestContext) =>
      itemPage(context, review.id, args),
  },
  AccessReviewItem: {
    review: (item: AccessReviewItemRead, _args: unknown, context: RequestContext) => context.loaders.accessReview.load(item.reviewId),
    user: (item: AccessReviewItemRead, _args: unknown, context: RequestContext) => context.loaders.user.load(item.userId),
    kind: (item: AccessReviewItemRead) => item.kind.toUpperCase(),
    resourceType: (item: AccessReviewItemRead) => item.resourceType.toUpperCase(),
    role: (item: AccessReviewItemRead) => item.roleName,
    expiresAt: (item: AccessReviewItemRead) => iso(item.expiresAt),
    description: describeReviewItem,
    changedSinceSnapshot: (item: AccessReviewItemRead) => !item.current.held,
    current: describeCurrent,
    decision: (item: AccessReviewItemRead) => item.decision?.toUpperCase() ?? null,
    decidedBy: (item: AccessReviewItemRead, _args: unknown, context: RequestContext) =>
      item.decidedById ? context.loaders.user.load(item.decidedById) : null,
    decidedAt: (item: AccessReviewItemRead) => iso(item.decidedAt),
  },
  Organization: {
    accessReviews: (organization: { id: string }, args: PageArgs, context: RequestContext) => reviewPage(context, organization.id, args),
    // Another organization's review is as missing as a random id: null, never its fields.
    accessReview: async (organization: { id: string }, args: { id: string }, context: RequestContext) => {
      const review = await context.loaders.accessReview.load(requireUuid(args.id, 'id'));
      return review?.organizationId === organization.id ? review : null;
    },
  },
  Mutation: {
    startAccessReview: async (
      _: unknown,
      { input }: { input: { organizationId: string; dueAt: string; whenUndecided: DecisionArgument } },
      context: RequestContext,
    ) => {
      const organizationId = requireUuid(input.organizationId, 'input.organizationId');
      // The same rule as a grant's expiry: an instant in the future, at most so many days ahead.
      const dueAt = requireGrantExpiry(input.dueAt, maxReviewDays, 'input.dueAt');
      const id = await startAccessReview(context, { organizationId, dueAt, whenUndecided: decisionOf(input.whenUndecided) });
      return { accessReview: await context.loaders.accessReview.load(id) };
    },

    decideAccessReviewItem: async (
      _: unknown,
      { input }: { input: { itemId: string; decision: DecisionArgument; note?: string | null } },
      context: RequestContext,
    ) => {
      const { authorizer } = requireViewer(context);
      const itemId = requireUuid(input.itemId, 'input.itemId');
      const note = input.note == null || input.note.trim() === '' ? null : requireText(input.note, 'input.note', 500);
      const reviewed = await findReviewItem(context.em, itemId);
      // Items are seen only by those who review access in their organization: to anyone else one is as missing as a random id.
      if (!reviewed || !(await authorizer.can('review_access:organization', 'organization', reviewed.item.organizationId)))
        throw notFoundError();
      await decideReviewItem(context, reviewed, { decision: decisionOf(input.decision), note });
      return { item: await context.loaders.accessReviewItem.load(itemId) };
    },
  },
};
