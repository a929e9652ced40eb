import type { EntityManager } from '../../db/database.js';
import { refusal } from '../../errors/refusal.js';

/** How many access reviews an organization may have open at once: each snapshots every item of access there. */
export const maxOpenAccessReviews = 5;

/**
 * OPEN_REVIEW_LIMIT when the organization has as many reviews open as it may. Call it under the
 * organization's lock (`UnitOfWork.lockOrganization`), so concurrent starts take turns on the count.
 */
export async function assertOpenReviewRoom(tx: EntityManager, organizationId: string): Promise<void> {
  const [open] = await tx.execute<{ count: string }[]>(
    'select count(*) from access_reviews where organization_id = ? and closed_at is null',
    [organizationId],
  );
  if (Number(open?.count ?? 0) >= maxOpenAccessReviews) {
    throw refusal(
      'OPEN_REVIEW_LIMIT',
      `This organization has ${maxOpenAccessReviews} access reviews open; let one reach its due date before starting another.`,
    );
  }
}
