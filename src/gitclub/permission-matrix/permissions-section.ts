import { builtInRoles } from '../policy/built-in-roles.js';
import {
  defaultRoleRecipient,
  initialDefaultRepositoryRole,
  organizationOwnerRole,
  permissionCatalog,
  platformId,
  repositoryOwnerRole,
} from '../policy/policy.js';
import { resourceTypes } from '../resources.js';
import type { CoordinateRow } from './coordinate-rows.js';
import { derivedIssuePermissions, describeDerivation, issueDerivation } from './issue-derivation.js';
import { code, table } from './markdown.js';
import { builtInRolesOf } from './policy-lookups.js';

/** The permission that gives platform support its read-only access to every tenant (`supportAccess` of the resource registry). */
const supportPermission = 'read_tenants:platform';

/** What support reads on each resource type that it reads at all. */
const supportAccess = Object.entries(resourceTypes)
  .map(([resourceType, definition]) => [resourceType, definition.supportAccess] as const)
  .filter(([, names]) => names.length > 0);

/**
 * The "Permissions" section: every catalog permission with the built-in roles holding it, the coordinates
 * checking it, and how it is otherwise reached (derivation, platform support, the platform resource).
 */
export function permissionsSection(rows: readonly CoordinateRow[]): string[] {
  const checkedAt = (permission: string) =>
    rows
      .filter((row) => row.permission === permission)
      .map((row) => code(row.coordinate))
      .join(', ') || '—';
  const supportReads = new Set<string>(supportAccess.flatMap(([, names]) => names));
  const defaultRecipients = [...builtInRoles.values()]
    .filter((role) => role.satisfies.has(defaultRoleRecipient))
    .map((role) => code(role.name));

  const derivations = new Map(
    permissionCatalog.permissions
      .filter((permission) => builtInRolesOf(permission.resourceType).length === 0)
      .map((permission) => [permission.name, issueDerivation(permission.name)]),
  );
  const tableRows = permissionCatalog.permissions.map((permission) => {
    const roles = builtInRolesOf(permission.resourceType);
    const notes: string[] = [];
    let holders = roles.filter((role) => role.permissions.has(permission.name)).map((role) => code(role.name));
    if (roles.length === 0) {
      // Issues have no roles: their permissions derive from the repository's.
      const repositoryRoles = builtInRolesOf('repository');
      holders = [
        ...repositoryRoles
          .filter((role) => derivedIssuePermissions(role.permissions, false).has(permission.name))
          .map((role) => `${code(role.name)} (derived)`),
        ...repositoryRoles
          .filter(
            (role) =>
              !derivedIssuePermissions(role.permissions, false).has(permission.name) &&
              derivedIssuePermissions(role.permissions, true).has(permission.name),
          )
          .map((role) => `${code(role.name)} as author`),
      ];
      notes.push(describeDerivation(derivations.get(permission.name) ?? { from: [], asAuthorWith: [] }));
    }
    const derivesInto = [...derivations].filter(([, derivation]) =>
      [...derivation.from.flat(), ...derivation.asAuthorWith].includes(permission.name),
    );
    if (derivesInto.length > 0) notes.push(`Used to derive ${derivesInto.map(([derived]) => code(derived)).join(', ')}.`);
    if (supportReads.has(permission.name)) notes.push(`Also read-only through platform support (${code(supportPermission)}), audited.`);
    if (permission.name === supportPermission) {
      notes.push(
        `Held on the platform resource. Gives read-only, audited access to every tenant: ${supportAccess
          .map(([resourceType, names]) => `${names.map(code).join(', ')} on every ${resourceType}`)
          .join('; ')}.`,
      );
    } else if (permission.resourceType === 'platform') {
      notes.push(
        rows.some((row) => row.permission === permission.name)
          ? 'Held on the platform resource.'
          : 'Held on the platform resource; checked by resolvers, not by an `@auth` directive.',
      );
    }
    return [code(permission.name), permission.description, holders.join(', ') || '—', checkedAt(permission.name), notes.join(' ')];
  });

  return [
    '## Permissions',
    '',
    'Every permission of the catalog, in policy order, with the built-in roles holding it (implications expanded) and',
    'the schema coordinates whose `@auth` names it. Beyond the roles of its own resource type:',
    '',
    `- Organization ${code(organizationOwnerRole)}s are ${code(repositoryOwnerRole)} of every repository of their organization, so they hold every permission ${code(repositoryOwnerRole)} holds there.`,
    `- Holders of ${defaultRecipients.join(', ')} (roles satisfying ${code(defaultRoleRecipient)}) get the organization's default repository role (initially ${code(initialDefaultRepositoryRole)}) on every repository where they hold no explicit role.`,
    '- Issue permissions derive from repository permissions (see `src/gitclub/policy/issue-permissions.ts`); issues have no roles.',
    `- Platform permissions are held on the single platform resource (\`${platformId}\`), through the platform roles.`,
    '- Direct grants give one permission on one resource, without a role, until they expire.',
    '',
    table(['Permission', 'Description', 'Built-in roles', 'Checked at', 'Notes'], tableRows),
    '',
  ];
}
