import { refusal } from '../../errors/refusal.js';
import type { ReviewDecisionState } from '../access-write/access-states.js';

/**
 * The write path's guard of a review decision: OWN_ACCESS when a reviewer decides an item about
 * their own access, keep or revoke alike. Someone else reviews it, or it follows the review's
 * default at its due date (the system's decision, whose revocation the other guards still weigh).
 */
export function notOwnAccess({ actor, reviewed }: ReviewDecisionState): void {
  if (actor.kind === 'user' && actor.id === reviewed.item.userId) {
    throw refusal(
      'OWN_ACCESS',
      "You cannot decide an access review item about your own access; another reviewer decides it, or it follows the review's default at its due date.",
      { argument: 'input.itemId' },
    );
  }
}
