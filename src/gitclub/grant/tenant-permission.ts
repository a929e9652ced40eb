import { notFoundError } from '@rolegate/authz';
import { badUserInputError } from '../../errors/graphql-errors.js';
import type { EntityManager } from '../../db/database.js';
import { permissionCatalog, type Permission } from '../policy/policy.js';
import { isTenantResourceType, resourceTypes, type TenantResourceType } from '../resources.js';
import type { GitClubAuthorizer } from '../access/gitclub-authorizer.js';

/** A permission on one visible resource of an organization, as `grantPermission` and `explainAccess` take it. */
export interface TenantPermission {
  readonly permission: Permission;
  readonly resourceType: TenantResourceType;
  readonly resourceId: string;
  readonly organizationId: string;
}

/** A `TenantPermission` with its resource's name (`beatles/infra`), as the viewer sees it. */
export interface NamedTenantPermission extends TenantPermission {
  readonly resourceName: string;
}

/**
 * Resolves a permission argument on a resource the viewer must see, in the order that leaks
 * nothing: an unknown permission, or one on a type that belongs to no organization (users, the
 * platform), is refused before any lookup; then visibility, so a hidden resource and a missing one
 * answer the same NOT_FOUND; then the resource's organization and name.
 */
export async function requireTenantPermission(
  em: EntityManager,
  authorizer: GitClubAuthorizer,
  args: { permission: string; resourceId: string },
  argumentPrefix = '',
): Promise<NamedTenantPermission> {
  const { permission, resourceId } = args;
  const resourceType = permissionCatalog.resourceTypeOf(permission);
  if (!resourceType || !permissionCatalog.has(permission))
    throw badUserInputError(`Unknown permission "${permission}".`, { argument: `${argumentPrefix}permission` });
  if (!isTenantResourceType(resourceType))
    throw badUserInputError(`Permissions on a ${resourceType} cannot be granted or explained here.`, {
      argument: `${argumentPrefix}permission`,
    });
  await authorizer.authorize(resourceTypes[resourceType].visibility, resourceType, resourceId);
  const [row] = await em.execute<{ organization_id: string; name: string }[]>(resourceTypes[resourceType].organizationOfSql, [resourceId]);
  if (!row) throw notFoundError();
  return { permission, resourceType, resourceId, organizationId: row.organization_id, resourceName: row.name };
}
