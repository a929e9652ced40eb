/** One permission of the catalog, named `action:resource` (for example `read_code:repository`). */
export interface PermissionDefinition {
  readonly name: string;
  readonly resourceType: string;
  readonly description: string;
}

/** The set of permissions an application knows; the directive transform refuses any other name. */
export interface PermissionCatalog {
  readonly permissions: readonly PermissionDefinition[];
  has(name: string): boolean;
  /** The resource type a permission applies to, or undefined when the name is not in the catalog. */
  resourceTypeOf(name: string): string | undefined;
}

/**
 * Builds a catalog from a table `{ resourceType: { action: description } }`, the readable form a
 * policy file keeps. Names become `action:resourceType`.
 */
export function createPermissionCatalog(table: Readonly<Record<string, Readonly<Record<string, string>>>>): PermissionCatalog {
  const permissions: PermissionDefinition[] = [];
  for (const [resourceType, actions] of Object.entries(table)) {
    for (const [action, description] of Object.entries(actions)) {
      permissions.push({ name: `${action}:${resourceType}`, resourceType, description });
    }
  }
  const byName = new Map(permissions.map((permission) => [permission.name, permission]));
  return {
    permissions,
    has: (name) => byName.has(name),
    resourceTypeOf: (name) => byName.get(name)?.resourceType,
  };
}
