import type { AccessGrant } from '@rolegate/authz';
import { builtInRoles } from '../policy/built-in-roles.js';

/** A sentence saying how a grant is held, naming implications ("admin, which implies member"). */
export function describeGrant(grant: AccessGrant, permission: string): string {
  const role = grant.role ? `role "${grant.role}"` : '';
  const implied = grant.role ? impliedSource(grant.role, permission) : undefined;
  const through = implied ? `, which implies "${implied}"` : '';
  switch (grant.via) {
    case 'membership':
      return `Holds organization ${role}${through} (membership).`;
    case 'explicit':
      return `Holds ${role}${through}, assigned explicitly on this repository.`;
    case 'default-role':
      return `Gets the organization's default repository ${role}${through} as a member.`;
    case 'organization-admin':
      return `Is an admin of the organization, so maintainer of all its repositories${through}.`;
    case 'grant':
      return 'Holds a direct, expiring grant.';
    case 'author':
      return 'Wrote the issue and can still read its repository.';
    case 'repository:read':
      return 'Can read the repository, so its issues.';
    case 'repository:manage_issues':
      return 'Holds manage_issues on the repository.';
    case 'self':
      return 'It is their own account.';
    default:
      return `Holds ${role || 'access'} via ${grant.via}.`;
  }
}

/** The implied built-in role an inherited permission comes from, when it does not come from the role itself. */
function impliedSource(roleName: string, permission: string): string | undefined {
  const role = builtInRoles.get(roleName);
  if (!role) return undefined;
  const [action] = permission.split(':');
  if (!action || role.actions.includes(action)) return undefined;
  return [...role.satisfies].find((name) => name !== roleName && builtInRoles.get(name)?.actions.includes(action));
}
