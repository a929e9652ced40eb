import { refusal } from '../../errors/refusal.js';
import type { ReviewDecisionState } from '../access-write/access-states.js';

/**
 * The write path's guards of a review decision on the item's state, read under the organization's
 * lock: a decision is final (ALREADY_DECIDED, also for the loser of two decisions racing), and a
 * reviewer decides only before the review's due date (REVIEW_CLOSED); from then on, the undecided
 * items are the due-date sweep's, which decides them as the review said.
 */
export function itemUndecided({ reviewed }: ReviewDecisionState): void {
  const { decision } = reviewed.item;
  if (decision) {
    throw refusal('ALREADY_DECIDED', `This item was decided already (${decision.toUpperCase()}); decisions are final.`, {
      argument: 'input.itemId',
    });
  }
}

/** REVIEW_CLOSED when the review is closed, or past its due date for a reviewer (see `itemUndecided`). */
export function reviewOpen({ actor, reviewed, now }: ReviewDecisionState): void {
  const { review } = reviewed;
  if (review.closedAt || (actor.kind === 'user' && review.dueAt.getTime() <= now.getTime())) {
    throw refusal(
      'REVIEW_CLOSED',
      `This access review was due on ${review.dueAt.toISOString()}: its undecided items follow its default (${review.whenUndecided.toUpperCase()}).`,
      { argument: 'input.itemId' },
    );
  }
}
