/** A role as the console offers it in a role picker. */
export interface RoleChoice {
  readonly name: string;
  readonly resourceType: string;
  readonly permissions: readonly string[];
}

/**
 * The roles to offer a viewer for one resource type: those whose every permission the viewer holds
 * there (`viewerPermissions`), since the API refuses to hand out more (the escalation guard). This
 * only trims the list; the API's guards decide, and their refusals are shown as they come.
 */
export function assignableRoles(roles: readonly RoleChoice[], resourceType: string, viewerPermissions: readonly string[]): RoleChoice[] {
  const held = new Set(viewerPermissions);
  return roles.filter((role) => role.resourceType === resourceType && role.permissions.every((permission) => held.has(permission)));
}
