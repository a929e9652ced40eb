// The views of the policy table the matrix needs: a resource type's permissions and built-in roles,
// with every role's implications expanded.
import { builtInRoles, type ExpandedRole } from '../policy/built-in-roles.js';
import { builtInRoleTable, permissionCatalog } from '../policy/policy.js';

/** The names of the catalog's permissions on a resource type, in policy order: the columns of its role table. */
export function catalogPermissionsOf(resourceType: string): string[] {
  return permissionCatalog.permissions
    .filter((permission) => permission.resourceType === resourceType)
    .map((permission) => permission.name);
}

/** The built-in roles of a resource type, in policy order, implications expanded: what each role really holds. */
export function builtInRolesOf(resourceType: string): ExpandedRole[] {
  return builtInRoleTable.filter((role) => role.resourceType === resourceType).map((role) => expandedBuiltInRole(role.name));
}

/** A built-in role with its implications expanded; throws when the policy names a role it does not define. */
export function expandedBuiltInRole(name: string): ExpandedRole {
  const role = builtInRoles.get(name);
  if (!role) throw new Error(`The policy names "${name}", which is not a built-in role.`);
  return role;
}
