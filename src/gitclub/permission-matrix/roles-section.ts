import { builtInRoleTable, permissionCatalog } from '../policy/policy.js';
import { derivedIssuePermissions } from './issue-derivation.js';
import { capitalize, code, table, unique } from './markdown.js';
import { builtInRolesOf, catalogPermissionsOf } from './policy-lookups.js';

/**
 * The "Built-in roles" section: the role table, then one role-by-permission grid per resource type, and a
 * grid of derived permissions for each type without roles (today only issues).
 */
export function rolesSection(): string[] {
  const resourceTypes = unique(builtInRoleTable.map((role): string => role.resourceType));
  const lines = [
    '## Built-in roles',
    '',
    table(
      ['Role', 'Resource type', 'Implies', 'Description'],
      builtInRoleTable.map((role) => [code(role.name), role.resourceType, role.implies.map(code).join(', ') || '—', role.description]),
    ),
    '',
    'One table per resource type: a ✓ where the role holds the permission, its own or through a role it implies.',
    '',
  ];
  for (const resourceType of resourceTypes) {
    const permissions = catalogPermissionsOf(resourceType);
    lines.push(
      `### ${resourceType}`,
      '',
      table(
        ['Role', ...permissions.map(code)],
        builtInRolesOf(resourceType).map((role) => [
          code(role.name),
          ...permissions.map((permission) => (role.permissions.has(permission) ? '✓' : '')),
        ]),
      ),
      '',
    );
  }
  // Every resource type without roles derives its permissions: today only issues.
  for (const resourceType of unique(permissionCatalog.permissions.map((permission) => permission.resourceType))) {
    if (resourceTypes.includes(resourceType)) continue;
    const permissions = catalogPermissionsOf(resourceType);
    lines.push(
      `### ${resourceType} (derived from repository roles)`,
      '',
      `${capitalize(resourceType)}s have no roles: a repository role's permissions derive these (✓), or derive them for the ${resourceType}'s author only ("author").`,
      '',
      table(
        ['Repository role', ...permissions.map(code)],
        builtInRolesOf('repository').map((role) => {
          const derived = derivedIssuePermissions(role.permissions, false);
          const asAuthor = derivedIssuePermissions(role.permissions, true);
          return [
            code(role.name),
            ...permissions.map((permission) => (derived.has(permission) ? '✓' : asAuthor.has(permission) ? 'author' : '')),
          ];
        }),
      ),
      '',
    );
  }
  return lines;
}
