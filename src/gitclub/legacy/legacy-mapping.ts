import { readFileSync } from 'node:fs';
import { permissionCatalog } from '../policy/policy.js';

/**
 * Which legacy flags allow which catalog permissions: the legacy decision. Entries are catalog
 * permission names, `*:<resource type>` (every permission of that type) or `*` (everything).
 */
export interface LegacyMapping {
  readonly flags: Readonly<Record<string, readonly string[]>>;
}

/** A mapping, checked: every entry names a catalog permission or a wildcard. */
export function parseLegacyMapping(json: string, source = 'the legacy mapping'): LegacyMapping {
  let parsed: { flags?: unknown } | null;
  try {
    parsed = JSON.parse(json) as { flags?: unknown } | null;
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!parsed || typeof parsed !== 'object' || !parsed.flags || typeof parsed.flags !== 'object' || Array.isArray(parsed.flags))
    throw new Error(`${source} must be an object with "flags": { flag: [permission, ...] }.`);
  const resourceTypes = new Set<string>(permissionCatalog.permissions.map((permission) => permission.resourceType));
  const problems: string[] = [];
  for (const [flag, permissions] of Object.entries(parsed.flags as Record<string, unknown>)) {
    if (!Array.isArray(permissions)) {
      problems.push(`"${flag}" must list permissions`);
      continue;
    }
    for (const entry of permissions) {
      const valid = entry === '*' || permissionCatalog.has(String(entry)) || (String(entry).startsWith('*:') && resourceTypes.has(String(entry).slice(2)));
      if (!valid) problems.push(`"${flag}" names "${String(entry)}", which is not a catalog permission or wildcard`);
    }
  }
  if (problems.length > 0) throw new Error(`${source} is invalid:\n  - ${problems.join('\n  - ')}`);
  return { flags: parsed.flags as Record<string, string[]> };
}

/** Reads and checks a mapping file. */
export function loadLegacyMapping(file: string): LegacyMapping {
  const source = `The legacy mapping ${file} (LEGACY_MAPPING_FILE)`;
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${source} cannot be read: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`, { cause: error });
  }
  return parseLegacyMapping(json, source);
}

/** The flags that allow `permission`, under a mapping. */
export function flagsAllowing(mapping: LegacyMapping, permission: string): string[] {
  const resourceType = permission.split(':')[1];
  return Object.entries(mapping.flags)
    .filter(([, permissions]) => permissions.some((entry) => entry === '*' || entry === permission || entry === `*:${resourceType}`))
    .map(([flag]) => flag);
}

/** The permissions a flag allows, expanded (wildcards resolved against the catalog). */
export function permissionsOfFlag(mapping: LegacyMapping, flag: string): Set<string> {
  const entries = mapping.flags[flag] ?? [];
  return new Set(
    permissionCatalog.permissions
      .filter((permission) => entries.some((entry) => entry === '*' || entry === permission.name || entry === `*:${permission.resourceType}`))
      .map((permission) => permission.name),
  );
}
