import type { HeldResourceRow } from './held-in-organization.js';

/** What a person holds, one line per resource, for a terminal: `beatles/infra: read:repository (explicit ci-cd), ...`. */
export function describeHeld(held: readonly HeldResourceRow[]): string[] {
  return held.map((resource) => {
    const byPermission = new Map<string, string[]>();
    for (const path of resource.paths) {
      const how = [path.via, path.role, path.expiresAt ? `until ${new Date(path.expiresAt).toISOString()}` : null]
        .filter(Boolean)
        .join(' ');
      byPermission.set(path.permission, [...(byPermission.get(path.permission) ?? []), how]);
    }
    return `${resource.name}: ${[...byPermission].map(([permission, ways]) => `${permission} (${ways.join(', ')})`).join(', ')}`;
  });
}
