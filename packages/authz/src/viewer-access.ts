/** How a viewer came to hold a role or permission: the explanation half of a decision. */
export interface AccessGrant {
  /** The role held, when the grant comes from a role (built-in or custom). */
  readonly role?: string;
  /** A short machine-readable source, such as `membership`, `explicit`, `default-role`. */
  readonly via: string;
  /** What the grant gives on the resource. */
  readonly permissions: ReadonlySet<string>;
}

/** Everything a viewer may do on one resource, with the grants that explain it. */
export interface ViewerAccess {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly grants: readonly AccessGrant[];
  readonly permissions: ReadonlySet<string>;
}

/** Combines grants into the access they give on one resource. */
export function accessFromGrants(resourceType: string, resourceId: string, grants: readonly AccessGrant[]): ViewerAccess {
  const permissions = new Set<string>();
  for (const grant of grants) for (const permission of grant.permissions) permissions.add(permission);
  return { resourceType, resourceId, grants, permissions };
}
