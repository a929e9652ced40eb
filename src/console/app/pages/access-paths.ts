/** One way a person holds a permission, as the API lists it (`AccessPath`). */
export interface AccessPathShown {
  readonly via: string;
  readonly role?: string | null;
  readonly expiresAt?: string | null;
  readonly description: string;
}

/** A path's words by how it is held (explainAccess's `via`), short enough for a chip. */
const labels: Readonly<Record<string, (role: string) => string>> = {
  membership: (role) => `${role} (organization role)`,
  explicit: (role) => `${role} (assigned here)`,
  'default-role': (role) => `${role} (default role)`,
  'organization-admin': (role) => `${role} (organization admin)`,
  grant: () => 'grant',
  author: () => 'author',
  'repository:read': () => 'reads the repository',
  'repository:manage_issues': () => 'manages issues on the repository',
  platform: (role) => `${role} (platform role)`,
};

/**
 * A path in a few words: the role and how it is held (`contributor (default role)`), `grant` for a
 * direct grant. A way of holding the console does not know yet reads as the API names it.
 */
export function accessPathLabel(path: AccessPathShown): string {
  const label = labels[path.via];
  if (label) return label(path.role ?? 'access');
  return path.role ? `${path.role} (${path.via})` : path.via;
}

/** A path as a file says it: its label, and when it ends as ISO 8601 (`grant until 2026-05-01T00:00:00.000Z`). */
export function accessPathText(path: AccessPathShown): string {
  return path.expiresAt ? `${accessPathLabel(path)} until ${path.expiresAt}` : accessPathLabel(path);
}

/** A permission without its resource type, where the resource is named beside it (`read_code:repository` is `read_code`). */
export function actionOf(permission: string): string {
  const colon = permission.indexOf(':');
  return colon < 0 ? permission : permission.slice(0, colon);
}

/**
 * One person's permissions on one resource, gathered by the paths that give them: an admin's ten
 * organization permissions read as one line with one chip, not ten.
 */
export function permissionsByPaths<TPath extends AccessPathShown>(
  held: ReadonlyArray<{ readonly permission: string; readonly via: readonly TPath[] }>,
): Array<{ readonly via: readonly TPath[]; readonly permissions: string[] }> {
  const groups = new Map<string, { via: readonly TPath[]; permissions: string[] }>();
  for (const { permission, via } of held) {
    const key = JSON.stringify(via.map((path) => [path.via, path.role ?? null, path.expiresAt ?? null]));
    const group = groups.get(key) ?? { via, permissions: [] };
    group.permissions.push(permission);
    groups.set(key, group);
  }
  return [...groups.values()];
}
