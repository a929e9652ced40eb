import type { UnitOfWork } from '../access-changes.js';
import { itemStillHeld } from '../access-review/access-review-read.js';
import type { Actor } from './actor.js';

/**
 * Decides, as REVOKE, the undecided items about a person in the organization's open access reviews:
 * what they name is being ended by an offboarding, so no reviewer is left to decide on access that
 * no longer exists (and the export shows why). Run before the removal, in its unit of work: `removed`
 * says whether the item's exact assignment (same role) or grant still stood, so the offboarding ends it.
 * Returns how many items it decided.
 */
export async function endOpenReviewItems(
  unit: UnitOfWork,
  actor: Actor,
  userId: string,
  organizationId: string,
  reason: string,
): Promise<number> {
  const rows = await unit.tx.execute<{ id: string }[]>(
    `update access_review_items i set decision = 'revoke', decided_by_id = ?, decided_by_name = coalesce((select login from users where id = ?), ?),
       decided_at = now(), note = ?,
       removed = ${itemStillHeld}
     from access_reviews r
     where r.id = i.review_id and r.organization_id = ? and r.closed_at is null and i.user_id = ? and i.decision is null
     returning i.id`,
    [actor.id, actor.id, actor.kind === 'system' ? 'system' : null, `Offboarded: ${reason}`, organizationId, userId],
  );
  return rows.length;
}
