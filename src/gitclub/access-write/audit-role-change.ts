import type { UnitOfWork } from '../access-changes.js';
import { resourceTypes } from '../resources.js';
import type { Actor } from './actor.js';
import type { Place } from './place.js';

/** One change of a user's role on a place: given, replaced or taken away, by whom, with what it ended. */
export interface RoleChange {
  readonly kind: 'added' | 'changed' | 'removed';
  readonly actor: Actor;
  readonly place: Place;
  readonly userId: string;
  /** The role held before, by name, if any. */
  readonly before?: string;
  /** The role held after, by name, if any. */
  readonly after?: string;
  /** What the change ended with it (leaving an organization ends its repository roles), recorded beside `before`. */
  readonly ended?: Record<string, unknown>;
}

/**
 * Records a role change in the unit of work that makes it, under the audit action the resource
 * registry names for that kind of change on that type (`membership.added`, `repository_role.removed`...).
 * A command's change names the command in `after.actor`.
 */
export function auditRoleChange(unit: Pick<UnitOfWork, 'audit'>, change: RoleChange): void {
  const { place } = change;
  const roles = resourceTypes[place.resourceType].roles;
  if (!roles) throw new Error(`No roles are assigned on a ${place.resourceType}.`);
  const system = change.actor.kind === 'system' ? { actor: change.actor.name } : {};
  unit.audit({
    organizationId: place.organizationId,
    action: roles.audit[change.kind],
    targetUserId: change.userId,
    resourceType: place.resourceType,
    resourceId: place.resourceId,
    before: change.before === undefined ? null : { role: change.before, ...change.ended },
    after: change.after === undefined ? (change.actor.kind === 'system' ? system : null) : { role: change.after, ...system },
  });
}
