import type { UnitOfWork } from '../access-changes.js';
import type { AccessReviewItemRead } from '../access-review/access-review-read.js';
import type { Actor } from './actor.js';
import { revokeGrantRow } from './grant-rows.js';
import { runGuards } from './guard-table.js';
import { applyRoleChange } from './role-changes.js';

/**
 * The unit of work as a review's revocation writes it: every audit entry the removal writes (the
 * membership or role removed, what leaving the organization ends with it, the grant revoked)
 * names the review and the item in `after`.
 */
function namingTheReview(unit: UnitOfWork, item: AccessReviewItemRead): UnitOfWork {
  return {
    ...unit,
    audit: (event) => unit.audit({ ...event, after: { ...event.after, accessReview: item.reviewId, accessReviewItem: item.id } }),
  };
}

/**
 * Revokes exactly what a review item names, in the unit of work (under its organization's lock),
 * through the write path's own removals and their guards: the assignment the snapshot saw, if it
 * still holds the same role (removing a membership ends what leaving the organization ends, as
 * removeMember does), or the grant, if it is still active. Returns false, removing nothing, when
 * that exact assignment or grant is gone: a role changed or given again since is not the item's.
 */
export async function revokeReviewedItem(unit: UnitOfWork, actor: Actor, item: AccessReviewItemRead): Promise<boolean> {
  const { tx } = unit;
  const named = namingTheReview(unit, item);
  if (item.kind === 'grant') {
    const [active] = await tx.execute<{ id: string }[]>(
      'select id from permission_grants where id = ? and revoked_at is null and expires_at > now()',
      [item.grantId],
    );
    if (!active) return false;
    const grant = { id: active.id, userId: item.userId, organizationId: item.organizationId };
    await runGuards('revoke', { tx, actor, grant });
    return revokeGrantRow(named, grant);
  }
  const [exact] = await tx.execute<{ id: string }[]>('select id from role_assignments where id = ? and role_id = ?', [
    item.assignmentId,
    item.roleId,
  ]);
  if (!exact) return false;
  const resourceType = item.kind === 'membership' ? 'organization' : 'repository';
  await applyRoleChange(named, actor, { kind: 'remove', userId: item.userId, place: { resourceType, resourceId: item.resourceId } });
  return true;
}
