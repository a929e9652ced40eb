/** SQL that lists a role's permission names, for a role id column. */
export function rolePermissionsSql(roleIdColumn: string): string {
  return `coalesce(array(select p.name from role_permissions rp join permissions p on p.id = rp.permission_id where rp.role_id = ${roleIdColumn}), '{}')`;
}

/** A role as a row carries it: a name (null when none) and its permission names. */
export function resolvedRole(name: string | null, permissions: readonly string[] | null): { name: string; permissions: ReadonlySet<string> } | undefined {
  return name === null ? undefined : { name, permissions: new Set(permissions ?? []) };
}
