import type { UnitOfWork } from '../access-changes.js';

/**
 * Revokes, in the unit of work, every active direct grant a user holds in an organization, each
 * with its own audit entry saying why (`because`, the action that ended them). Leaving an
 * organization ends what one was given there: a removed member keeps no exception behind.
 */
export async function revokeGrantsIn(unit: UnitOfWork, organizationId: string, userId: string, because: string): Promise<void> {
  const revoked = await unit.tx.execute<{ id: string; permission: string; resource_type: string; resource_id: string }[]>(
    `update permission_grants set revoked_at = now(), revoked_by_id = ?
     where user_id = ? and organization_id = ? and revoked_at is null and expires_at > now()
     returning id, permission, resource_type, resource_id`,
    [unit.actorId, userId, organizationId],
  );
  for (const grant of revoked) {
    unit.audit({
      organizationId,
      action: 'grant.revoked',
      targetUserId: userId,
      resourceType: grant.resource_type,
      resourceId: grant.resource_id,
      before: { grant: grant.id, permission: grant.permission },
      after: { because },
    });
  }
}
