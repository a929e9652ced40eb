import type { UnitOfWork } from '../access-changes.js';

/**
 * Ends, in the unit of work, the access requests a user has waiting in an organization they leave:
 * each is denied with the reason, audited, so no one approves it later for someone gone.
 */
export async function endPendingRequests(unit: UnitOfWork, userId: string, organizationId: string, because: string): Promise<void> {
  const reason = 'The requester is no longer a member of the organization.';
  const ended = await unit.tx.execute<{ id: string; permission: string; resource_type: string; resource_id: string }[]>(
    `update access_requests set status = 'denied', decided_by_id = ?, decided_at = now(), decision_reason = ?
     where requester_id = ? and organization_id = ? and status = 'pending'
     returning id, permission, resource_type, resource_id`,
    [unit.actorId, reason, userId, organizationId],
  );
  for (const request of ended) {
    unit.audit({
      organizationId,
      action: 'access_request.denied',
      targetUserId: userId,
      resourceType: request.resource_type,
      resourceId: request.resource_id,
      before: { status: 'pending' },
      after: { accessRequest: request.id, permission: request.permission, reason, because },
    });
  }
}
