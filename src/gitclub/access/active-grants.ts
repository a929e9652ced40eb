import type { AccessGrant } from '@rolegate/authz';
import { resourceTypes, type TenantResourceType } from '../resources.js';
import { heldVia } from './grant-source.js';

/** SQL listing a viewer's active grant permissions on the resource in `resourceIdColumn` (`?` is the viewer id). */
export function activeGrantsSql(resourceType: TenantResourceType, resourceIdColumn: string): string {
  return `coalesce(array(select g.permission from permission_grants g where g.user_id = ? and g.resource_type = '${resourceType}'
    and g.resource_id = ${resourceIdColumn} and g.revoked_at is null and g.expires_at > now()), '{}')`;
}

/**
 * Direct grants as access: each grant's permission plus the visibility permission of its resource
 * type (a permission on something one cannot see would grant nothing).
 */
export function grantAccess(resourceType: TenantResourceType, permissions: readonly string[]): AccessGrant[] {
  if (permissions.length === 0) return [];
  return [heldVia('grant', new Set([...permissions, resourceTypes[resourceType].visibility]))];
}
