import { permissionCatalog, type ResourceType } from './policy/policy.js';
import { resourceTypes } from './resources.js';

/** The GraphQL enum of a resource type's permissions: `RepositoryPermission` for `Repository`. */
export function permissionEnumName(graphqlType: string): string {
  return `${graphqlType}Permission`;
}

/** The action of a permission name: `read_code` of `read_code:repository`. */
const actionOf = (permission: string) => permission.slice(0, permission.indexOf(':'));

/**
 * One enum per resource type that has a GraphQL type, its values the actions of the permission
 * table (`read_code`, readable as the table writes them), each described as the table describes
 * it: generated at schema build, so clients get typed permissions (codegen turns the enum into a
 * union) that cannot drift from the policy. `viewerCan(action:)` takes them.
 */
export function permissionEnumsTypeDefs(): string {
  return (Object.keys(resourceTypes) as ResourceType[])
    .flatMap((type) => {
      const graphqlType = resourceTypes[type].graphqlType;
      if (!graphqlType) return [];
      const permissions = permissionCatalog.permissions.filter((permission) => permission.resourceType === type);
      const values = permissions.map((permission) => `  ${JSON.stringify(permission.description)}\n  ${actionOf(permission.name)}`);
      return [
        `"The ${type} permissions of the policy, by action (\`${actionOf(permissions[0]?.name ?? 'read:')}\` is \\"${permissions[0]?.name ?? ''}\\"): for viewerCan(action:)."\nenum ${permissionEnumName(graphqlType)} {\n${values.join('\n')}\n}`,
      ];
    })
    .join('\n\n');
}
