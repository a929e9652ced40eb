import { builtInRoles } from '../policy/built-in-roles.js';

/**
 * SQL that lists a role's permission names, for a role id column. With the role's `built_in`
 * column given, built-in roles yield null instead: their permissions are known in memory (the
 * policy table), which spares the database a subquery per row. So does a missing role (the column
 * null, as from a left join that found none): `is not false` covers both, where a plain `case when
 * built_in` ran the subquery for every row without a role.
 */
export function rolePermissionsSql(roleIdColumn: string, builtInColumn?: string): string {
  const permissions = `coalesce(array(select p.name from role_permissions rp join permissions p on p.id = rp.permission_id where rp.role_id = ${roleIdColumn}), '{}')`;
  return builtInColumn ? `case when ${builtInColumn} is not false then null else ${permissions} end` : permissions;
}

/** A role as a row carries it: a name (null when none) and its permission names (null for a built-in role: taken from the policy). */
export function resolvedRole(
  name: string | null,
  permissions: readonly string[] | null,
): { name: string; permissions: ReadonlySet<string> } | undefined {
  if (name === null) return undefined;
  return { name, permissions: permissions ? new Set(permissions) : (builtInRoles.get(name)?.permissions ?? new Set()) };
}
