import type { AccessGrant } from '@rolegate/authz';
import type { GrantSource } from '../access/grant-source.js';
import { builtInRoles } from '../policy/built-in-roles.js';
import { organizationOwnerRole, repositoryOwnerRole } from '../policy/policy.js';

/** A sentence saying how a grant is held, naming implications ("admin, which implies member"). */
export function describeGrant(grant: AccessGrant, permission: string): string {
  const role = grant.role ? `role "${grant.role}"` : '';
  const implied = grant.role ? impliedSource(grant.role, permission) : undefined;
  const through = implied ? `, which implies "${implied}"` : '';
  const sentence = sentences[grant.via as GrantSource];
  return sentence ? sentence(role, through) : `Holds ${role || 'access'} via ${grant.via}.`;
}

/** A sentence for every way a grant is held: a new source fails the typecheck until it has one. */
const sentences: Record<GrantSource, (role: string, through: string) => string> = {
  membership: (role, through) => `Holds organization ${role}${through} (membership).`,
  explicit: (role, through) => `Holds ${role}${through}, assigned explicitly on this repository.`,
  'default-role': (role, through) => `Gets the organization's default repository ${role}${through} as a member.`,
  [`organization-${organizationOwnerRole}`]: (_role, through) =>
    `Is an ${organizationOwnerRole} of the organization, so ${repositoryOwnerRole} of all its repositories${through}.`,
  grant: () => 'Holds a direct, expiring grant.',
  author: () => 'Wrote the issue and can still read its repository.',
  'repository:read': () => 'Can read the repository, so its issues.',
  'repository:manage_issues': () => 'Holds manage_issues on the repository.',
  self: () => 'It is their own account.',
  platform: (role) => `Holds platform ${role || 'access'}.`,
  legacy: () => 'Allowed by the legacy permission system.',
};

/** The implied built-in role an inherited permission comes from, when it does not come from the role itself. */
function impliedSource(roleName: string, permission: string): string | undefined {
  const role = builtInRoles.get(roleName);
  if (!role) return undefined;
  const [action] = permission.split(':');
  if (!action || role.actions.includes(action)) return undefined;
  return [...role.satisfies].find((name) => name !== roleName && builtInRoles.get(name)?.actions.includes(action));
}
