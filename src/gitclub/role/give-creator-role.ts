import type { UnitOfWork } from '../access-changes.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { creatorRole } from '../policy/policy.js';
import { findRoleViews } from './role-view.js';

/**
 * Gives the creator of an organization or repository the policy's creator role there (admin,
 * maintainer), audited as the assignment it is, in the unit of work that creates the resource.
 */
export async function giveCreatorRole(
  unit: UnitOfWork,
  creatorId: string,
  resourceType: 'organization' | 'repository',
  resourceId: string,
  organizationId: string,
): Promise<void> {
  const roleName = creatorRole[resourceType];
  const [role] = await findRoleViews(unit.tx, 'r.name = ? and r.organization_id is null', [roleName]);
  if (!role) throw new Error(`The built-in role "${roleName}" is missing; the policy sync did not run.`);
  unit.tx.create(RoleAssignmentEntity, { user: creatorId, role: role.id, resourceType, resourceId });
  const action = resourceType === 'organization' ? 'membership.added' : 'repository_role.assigned';
  unit.audit({ organizationId, action, targetUserId: creatorId, resourceType, resourceId, after: { role: roleName } });
  await unit.changed([creatorId]);
}
