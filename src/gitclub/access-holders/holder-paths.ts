import { joinSql, rawSql, sql, type SqlQuery } from '../../db/sql-query.js';
import { builtInRoles } from '../policy/built-in-roles.js';
import { resourceTypes, type TenantResourceType } from '../resources.js';

/**
 * SQL selecting every path that gives `permission` on the resources `resourceIds` selects (a
 * subquery of one column of ids), one row per path, as the columns `resource_id, user_id, via,
 * role, expires_at`: the user, how they hold it (the words of explainAccess's steps: membership,
 * explicit, default-role, organization-admin, grant, author, repository:read, ...), the role when
 * the path is a role, and the expiry when it is a grant. A user holds the permission if and only
 * if they have at least one row.
 */
export type HolderPathsSql = (scope: PathScope, permission: string) => SqlQuery;

/** Which resources (a subquery of their ids) and, when given, which people (a subquery of user ids) paths are wanted for. */
export interface PathScope {
  readonly resourceIds: SqlQuery;
  readonly userIds?: SqlQuery;
}

/** `and <column> in (<the scope's people>)`, or nothing when the scope takes everyone. */
export function amongPeople(column: string, scope: PathScope): SqlQuery {
  return scope.userIds ? sql`and ${rawSql(column)} in (${scope.userIds})` : rawSql('');
}

/**
 * True when the role in `roleIdColumn` (built-in or custom) includes `permission`. The roles are
 * listed once per statement (an array the planner computes before the rows), not once per row.
 */
export function roleHolds(roleIdColumn: string, permission: string): SqlQuery {
  return sql`${rawSql(roleIdColumn)} = any(array(select rp.role_id from role_permissions rp join permissions p on p.id = rp.permission_id
    where p.name = ${permission}))`;
}

/**
 * Active direct grants as paths: a grant gives its permission and the visibility permission of its
 * resource type (see `grantAccess`), until it is revoked or expires.
 */
export function grantPaths(resourceType: TenantResourceType, scope: PathScope, permission: string): SqlQuery {
  const givesAny = permission === resourceTypes[resourceType].visibility;
  return sql`select g.resource_id, g.user_id, 'grant' as via, null as role, g.expires_at from permission_grants g
    where g.resource_type = ${resourceType} and g.resource_id in (${scope.resourceIds}) ${amongPeople('g.user_id', scope)}
    and g.revoked_at is null and g.expires_at > now() and (g.permission = ${permission} or ${givesAny})`;
}

/** Platform roles that hold `read_tenants:platform`, the read-only support access (see `supportGrants`). */
const supportRoles = [...builtInRoles.values()].filter((role) => role.permissions.has('read_tenants:platform')).map((role) => role.name);

/** Platform support as paths, where `permission` is one support may exercise on this type; otherwise none. */
export function supportPaths(resourceType: TenantResourceType, scope: PathScope, permission: string): SqlQuery[] {
  if (!(resourceTypes[resourceType].supportAccess as readonly string[]).includes(permission)) return [];
  return [
    sql`select ids.id as resource_id, ra.user_id, 'platform' as via, 'support' as role, null::timestamptz as expires_at
      from (${scope.resourceIds}) ids(id) cross join role_assignments ra join roles r on r.id = ra.role_id
      where ra.resource_type = 'platform' ${amongPeople('ra.user_id', scope)} and r.name = any(${`{${supportRoles.join(',')}}`}::text[])`,
  ];
}

/** Several path selects as one. */
export function unionOfPaths(selects: readonly SqlQuery[]): SqlQuery {
  if (selects.length === 0)
    return rawSql(
      'select null::uuid as resource_id, null::uuid as user_id, null as via, null as role, null::timestamptz as expires_at where false',
    );
  return joinSql(selects, '\nunion all\n');
}
