import { sql } from '../../db/sql-query.js';
import { amongPeople, grantPaths, roleHolds, supportPaths, unionOfPaths, type HolderPathsSql } from './holder-paths.js';

/**
 * Who holds a permission on organizations: their organization role (built-in or custom) when it
 * includes the permission, direct grants, and platform support (see `organizationAccessSource`).
 */
export const organizationHolderPaths: HolderPathsSql = (scope, permission) =>
  unionOfPaths([
    sql`select ra.resource_id, ra.user_id, 'membership' as via, r.name as role, null::timestamptz as expires_at
      from role_assignments ra join roles r on r.id = ra.role_id
      where ra.resource_type = 'organization' and ra.resource_id in (${scope.resourceIds}) ${amongPeople('ra.user_id', scope)} and ${roleHolds('ra.role_id', permission)}`,
    grantPaths('organization', scope, permission),
    ...supportPaths('organization', scope, permission),
  ]);
