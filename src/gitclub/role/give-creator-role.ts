import { transact, type UnitOfWork } from '../access-changes.js';
import type { RequestContext } from '../context.js';
import { RoleAssignmentEntity } from '../entities/role-assignment.entity.js';
import { creatorRole } from '../policy/policy.js';
import { findRoleViews } from './role-view.js';
import { auditRoleChange } from './audit-role-change.js';

/** A resource type whose creator receives a role on what they create (organization, repository). */
export type CreatedResourceType = keyof typeof creatorRole;

/**
 * Gives the creator of an organization or repository the policy's creator role there (admin,
 * maintainer), audited as the assignment it is, in the unit of work that creates the resource.
 */
export async function giveCreatorRole(
  unit: UnitOfWork,
  creatorId: string,
  resourceType: CreatedResourceType,
  resourceId: string,
  organizationId: string,
): Promise<void> {
  const roleName = creatorRole[resourceType];
  const [role] = await findRoleViews(unit.tx, 'r.name = ? and r.organization_id is null', [roleName]);
  if (!role) throw new Error(`The built-in role "${roleName}" is missing; the policy sync did not run.`);
  unit.tx.create(RoleAssignmentEntity, { user: creatorId, role: role.id, resourceType, resourceId });
  auditRoleChange(unit, { kind: 'added', organizationId, resourceType, resourceId, userId: creatorId, after: roleName });
  await unit.changed([creatorId]);
}

/**
 * Creates an organization or repository and gives its creator their role there, in one unit of
 * work: `create` builds the resource and says which organization it belongs to; a name taken by a
 * creation racing this one answers ALREADY_EXISTS with the message `taken`.
 */
export async function createWithCreatorRole<T extends { id: string }>(
  context: RequestContext,
  creatorId: string,
  resourceType: CreatedResourceType,
  taken: string,
  create: (unit: UnitOfWork) => Promise<{ created: T; organizationId: string }>,
): Promise<T> {
  return transact(
    context,
    async (unit) => {
      const { created, organizationId } = await create(unit);
      await giveCreatorRole(unit, creatorId, resourceType, created.id, organizationId);
      return created;
    },
    { alreadyExists: taken },
  );
}
