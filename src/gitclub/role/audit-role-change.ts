import type { UnitOfWork } from '../access-changes.js';
import { resourceTypes, type CustomRoleResourceType } from '../resources.js';

/** One change of a user's role on a resource: given, replaced or taken away. */
export interface RoleChange {
  readonly kind: 'added' | 'changed' | 'removed';
  readonly organizationId: string;
  readonly resourceType: CustomRoleResourceType;
  readonly resourceId: string;
  readonly userId: string;
  /** The role held before, by name, if any. */
  readonly before?: string;
  /** The role held after, by name, if any. */
  readonly after?: string;
}

/**
 * Records a role change in the unit of work that makes it, under the audit action the resource
 * registry names for that kind of change on that type (`membership.added`, `repository_role.removed`...).
 */
export function auditRoleChange(unit: Pick<UnitOfWork, 'audit'>, change: RoleChange): void {
  unit.audit({
    organizationId: change.organizationId,
    action: resourceTypes[change.resourceType].roles.audit[change.kind],
    targetUserId: change.userId,
    resourceType: change.resourceType,
    resourceId: change.resourceId,
    before: change.before === undefined ? null : { role: change.before },
    after: change.after === undefined ? null : { role: change.after },
  });
}
