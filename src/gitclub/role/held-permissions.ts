import type { Authorizer } from '../../authz/index.js';
import type { AuthenticatedViewer } from '../../auth/viewer.js';
import type { EntityManager } from '../../db/database.js';
import { resolvedRole, rolePermissionsSql } from '../access/role-rows.js';
import { builtInRoles, roleSatisfies } from '../policy/built-in-roles.js';
import { organizationOwnerRole, repositoryOwnerRole } from '../policy/policy.js';
import { repositoryGrants } from '../policy/repository-roles.js';
import type { RoleView } from './role-view.js';

type ActorAuthorizer = Authorizer<AuthenticatedViewer>;

/** The permissions of `permissions` the actor does not hold on one resource (by role or grant). */
export async function missingOn(authorizer: ActorAuthorizer, permissions: readonly string[], resourceType: string, resourceId: string): Promise<string[]> {
  const access = await authorizer.access(resourceType, resourceId);
  return permissions.filter((permission) => !access?.permissions.has(permission));
}

/**
 * The repository permissions of `permissions` the actor does not hold organization-wide: on every
 * repository where they hold no explicit role, that is, as an admin or through the default role.
 */
export async function missingOrganizationWide(em: EntityManager, authorizer: ActorAuthorizer, permissions: readonly string[], organizationId: string): Promise<string[]> {
  const organization = await authorizer.access('organization', organizationId);
  const [row] = await em.execute<{ name: string | null; permissions: string[] }[]>(
    `select r.name, ${rolePermissionsSql('r.id')} as permissions from organizations o left join roles r on r.id = o.default_repository_role_id where o.id = ?`,
    [organizationId],
  );
  const held = new Set(
    repositoryGrants({
      organizationRole: organization?.grants.find((grant) => grant.role)?.role,
      explicitRole: undefined,
      defaultRole: resolvedRole(row?.name ?? null, row?.permissions ?? null),
    }).flatMap((grant) => [...grant.permissions]),
  );
  return permissions.filter((permission) => !held.has(permission));
}

/** A role and where it is (or would be) held: an organization role on its organization, a repository role on one repository. */
export interface HeldRole {
  readonly role: RoleView;
  readonly resourceType: 'organization' | 'repository';
  readonly resourceId: string;
  readonly organizationId: string;
}

const ownerRepositoryPermissions = [...(builtInRoles.get(repositoryOwnerRole)?.permissions ?? [])].sort();

/**
 * What the actor lacks of everything a role gives where it is held: its permissions there and,
 * for a role implying admin, the maintainer's permissions on every repository of the organization
 * (admins are maintainers everywhere, which no organization permission says).
 */
export async function missingOfRole(em: EntityManager, authorizer: ActorAuthorizer, held: HeldRole): Promise<string[]> {
  const missing = await missingOn(authorizer, held.role.permissions, held.resourceType, held.resourceId);
  const owner = held.resourceType === 'organization' && held.role.builtIn && roleSatisfies(held.role.name, organizationOwnerRole);
  if (!owner) return missing;
  return [...missing, ...(await missingOrganizationWide(em, authorizer, ownerRepositoryPermissions, held.organizationId))];
}
