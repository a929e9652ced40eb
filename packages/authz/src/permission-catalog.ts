/** One permission of the catalog, named `action:resource` (for example `read_code:repository`). */
export interface PermissionDefinition<Name extends string = string, ResourceType extends string = string> {
  readonly name: Name;
  readonly resourceType: ResourceType;
  readonly description: string;
}

/** The readable form a policy file keeps: `{ resourceType: { action: description } }`. */
export type PermissionTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The permission names of a table, as a string-literal union (`read:document | share:document | …`),
 * so that an application's code names permissions the typecheck knows.
 */
export type PermissionNameOf<Table extends PermissionTable> = {
  [ResourceType in keyof Table & string]: `${keyof Table[ResourceType] & string}:${ResourceType}`;
}[keyof Table & string];

/** The set of permissions an application knows; the directive transform refuses any other name. */
export interface PermissionCatalog<Name extends string = string, ResourceType extends string = string> {
  readonly permissions: readonly PermissionDefinition<Name, ResourceType>[];
  /** True when the name is in the catalog, which narrows it to a typed permission. */
  has(name: string): name is Name;
  /** The resource type a permission applies to, or undefined when the name is not in the catalog. */
  resourceTypeOf(name: string): ResourceType | undefined;
}

/**
 * Builds a catalog from a permission table. Names become `action:resourceType`; with the table
 * declared `as const`, the catalog's names and resource types are typed unions.
 */
export function createPermissionCatalog<Table extends PermissionTable>(
  table: Table,
): PermissionCatalog<PermissionNameOf<Table>, keyof Table & string> {
  type Name = PermissionNameOf<Table>;
  const permissions: PermissionDefinition<Name, keyof Table & string>[] = [];
  for (const [resourceType, actions] of Object.entries(table)) {
    for (const [action, description] of Object.entries(actions)) {
      permissions.push({ name: `${action}:${resourceType}` as Name, resourceType, description });
    }
  }
  const byName = new Map<string, PermissionDefinition<Name, keyof Table & string>>(
    permissions.map((permission) => [permission.name, permission]),
  );
  return {
    permissions,
    has: (name): name is Name => byName.has(name),
    resourceTypeOf: (name) => byName.get(name)?.resourceType,
  };
}
