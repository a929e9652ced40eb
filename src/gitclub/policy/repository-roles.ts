import type { AccessGrant } from '@rolegate/authz';
import { builtInRoles, roleSatisfies } from './built-in-roles.js';
import { defaultRoleRecipient, organizationOwnerRole, repositoryOwnerRole } from './policy.js';
import { heldVia } from '../access/grant-source.js';

/** A role as the database resolved it: its name and its expanded permissions. */
export interface ResolvedRole {
  readonly name: string;
  readonly permissions: ReadonlySet<string>;
}

/** What decides a viewer's roles on one repository. */
export interface RepositoryRoleFacts {
  /** The viewer's role in the repository's organization, if any. */
  readonly organizationRole: string | undefined;
  /** The role explicitly assigned to the viewer on this repository, if any. */
  readonly explicitRole: ResolvedRole | undefined;
  /** The organization's default repository role, if it has one. */
  readonly defaultRole: ResolvedRole | undefined;
}

const ownerRole = builtInRoles.get(repositoryOwnerRole) as ResolvedRole;

/**
 * The rules of repository roles, in order: organization admins are maintainers whatever else
 * holds; an explicit role replaces the default; members (and roles implying member) get the
 * organization's default role; anyone else gets nothing. Pure.
 *
 * Note: `readableRepositoriesFilter` states the same rules in SQL for lists; keep them together.
 */
export function repositoryGrants(facts: RepositoryRoleFacts): AccessGrant[] {
  if (roleSatisfies(facts.organizationRole, organizationOwnerRole)) {
    return [heldVia(`organization-${organizationOwnerRole}`, ownerRole.permissions, ownerRole.name)];
  }
  if (facts.explicitRole) {
    return [heldVia('explicit', facts.explicitRole.permissions, facts.explicitRole.name)];
  }
  if (facts.defaultRole && roleSatisfies(facts.organizationRole, defaultRoleRecipient)) {
    return [heldVia('default-role', facts.defaultRole.permissions, facts.defaultRole.name)];
  }
  return [];
}

/**
 * The same rules as a SQL condition over `repositories r` joined to `organizations o`, for lists
 * filtered in the database: true where the viewer holds `permission` on `r`.
 */
export function readableRepositoriesFilter(
  viewerId: string,
  organizationRole: string | undefined,
  permission: string,
  /** The viewer reads every repository through platform support. */
  supportReadsAll = false,
): { sql: string; params: unknown[] } {
  if (roleSatisfies(organizationRole, organizationOwnerRole)) return { sql: 'true', params: [] };
  if (supportReadsAll && permission === 'read:repository') return { sql: 'true', params: [] };
  const explicit = `select 1 from role_assignments ra where ra.user_id = ? and ra.resource_type = 'repository' and ra.resource_id = r.id`;
  const roleHolds = (roleColumn: string) =>
    `exists (select 1 from role_permissions rp join permissions p on p.id = rp.permission_id where rp.role_id = ${roleColumn} and p.name = ?)`;
  const viaExplicit = `exists (${explicit} and ${roleHolds('ra.role_id')})`;
  // A direct grant of any permission on a repository includes seeing it (see grantAccess).
  const viaGrant = `exists (select 1 from permission_grants g where g.user_id = ? and g.resource_type = 'repository' and g.resource_id = r.id
    and g.revoked_at is null and g.expires_at > now() and (g.permission = ? or ? = 'read:repository'))`;
  const grantParams = [viewerId, permission, permission];
  if (!roleSatisfies(organizationRole, defaultRoleRecipient)) {
    return { sql: `(${viaExplicit} or ${viaGrant})`, params: [viewerId, permission, ...grantParams] };
  }
  const viaDefault = `(not exists (${explicit}) and ${roleHolds('o.default_repository_role_id')})`;
  return { sql: `(${viaExplicit} or ${viaDefault} or ${viaGrant})`, params: [viewerId, permission, viewerId, permission, ...grantParams] };
}
