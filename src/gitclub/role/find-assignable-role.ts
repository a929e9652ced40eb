import { badUserInputError } from '../../errors/graphql-errors.js';
import type { EntityManager } from '../../db/database.js';
import { findRoleViews, type RoleView } from './role-view.js';
import type { CustomRoleResourceType } from '../resources.js';

/**
 * A role name as a mutation gives it, resolved to a role assignable in `organizationId` on
 * `resourceType`: a built-in role of that type, or that organization's custom role.
 */
export async function findAssignableRole(
  em: EntityManager,
  organizationId: string,
  name: string,
  resourceType: CustomRoleResourceType,
): Promise<RoleView> {
  const [role] = await findRoleViews(em, 'r.name = ? and r.resource_type = ? and (r.organization_id is null or r.organization_id = ?)', [
    name,
    resourceType,
    organizationId,
  ]);
  if (!role) throw badUserInputError(`Unknown ${resourceType} role "${name}".`, { argument: 'role' });
  return role;
}
