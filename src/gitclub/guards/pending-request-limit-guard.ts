import type { EntityManager } from '../../db/database.js';
import { refusal } from '../../errors/refusal.js';

/** How many requests one user may have pending in one organization: asking is cheap, deciding is not. */
export const maxPendingAccessRequests = 20;

/**
 * PENDING_REQUEST_LIMIT when the user has as many requests waiting in the organization as they may.
 * Locks the user's row first, so one user's concurrent requests take turns on the count.
 */
export async function assertPendingRequestRoom(tx: EntityManager, userId: string, organizationId: string): Promise<void> {
  await tx.execute('select id from users where id = ? for update', [userId]);
  const [pending] = await tx.execute<{ count: string }[]>(
    `select count(*) from access_requests where requester_id = ? and organization_id = ? and status = 'pending'`,
    [userId, organizationId],
  );
  if (Number(pending?.count ?? 0) >= maxPendingAccessRequests) {
    throw refusal(
      'PENDING_REQUEST_LIMIT',
      `You have ${maxPendingAccessRequests} requests waiting in this organization; wait for an answer before asking for more.`,
    );
  }
}
