import { notFoundError } from '@rolegate/authz';
import type { UnitOfWork } from '../access-changes.js';
import { UserEntity } from '../entities/user.entity.js';
import { revokeAllOf } from '../user/refresh-tokens.js';

/**
 * Suspends or reactivates a user in a unit of work (NOT_FOUND for no such user; nothing when already
 * so): a suspension revokes their refresh tokens and ends their sessions with the unit. Audited.
 */
export async function setSuspendedInUnit(unit: UnitOfWork, userId: string, suspend: boolean): Promise<void> {
  const user = await unit.tx.findOne(UserEntity, { id: userId });
  if (!user) throw notFoundError();
  if (Boolean(user.suspendedAt) === suspend) return;
  user.suspendedAt = suspend ? new Date() : null;
  if (suspend) {
    await revokeAllOf(unit.tx, userId);
    await unit.endSessions([userId]);
  }
  unit.audit({
    organizationId: null,
    action: suspend ? 'user.suspended' : 'user.reactivated',
    targetUserId: userId,
    resourceType: 'user',
    resourceId: userId,
  });
}
